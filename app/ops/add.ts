import type { OpDefinition } from './op';
import { BROADCAST_BINARY } from './elementwise-shape';

export const addOp: OpDefinition = {
  kind: 'Add',
  description: 'Adds x and y; the upstream gradient passes through unchanged to both inputs.',
  ...BROADCAST_BINARY,
  formula: {
    forward: 'out = x + y',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = 1', y: '\\frac{\\partial out}{\\partial y} = 1' },
  },
  forward(inputs, ctx) {
    return { outputs: { out: ctx.backend.add(inputs.x, inputs.y) } };
  },
  backward(gradOutputs, _cache, inputs, ctx) {
    const b = ctx.backend;
    const dout = gradOutputs.out;
    // A broadcast input was used once per row, so its gradient is the sum over those rows.
    return { x: b.sumTo(dout, inputs.x.shape), y: b.sumTo(dout, inputs.y.shape) };
  },
};
