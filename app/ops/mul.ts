import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { BROADCAST_BINARY } from './elementwise-shape';

interface MulCache {
  readonly x: Tensor;
  readonly y: Tensor;
}

export const mulOp: OpDefinition = {
  kind: 'Mul',
  title: 'Multiply',
  description: 'Multiplies x by y; each input’s gradient is the upstream gradient times the other input.',
  ...BROADCAST_BINARY,
  formula: {
    forward: 'out = x \\cdot y',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = y', y: '\\frac{\\partial out}{\\partial y} = x' },
  },
  forward(inputs, ctx) {
    const { x, y } = inputs;
    const cache: MulCache = { x, y };
    return { outputs: { out: ctx.backend.mul(x, y) }, cache };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    const { x, y } = cache as MulCache;
    const b = ctx.backend;
    const dout = gradOutputs.out;
    // Swap the inputs, then sum back over broadcast dimensions (the chapter's bias lesson).
    return { x: b.sumTo(b.mul(dout, y), x.shape), y: b.sumTo(b.mul(dout, x), y.shape) };
  },
};
