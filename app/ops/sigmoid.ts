import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { UNARY_ELEMENTWISE } from './elementwise-shape';

export const sigmoidOp: OpDefinition = {
  kind: 'Sigmoid',
  description: 'Squashes x into (0, 1); backward needs only the forward output y: dL/dy · y(1 − y).',
  ...UNARY_ELEMENTWISE,
  samples: [{ inputs: { x: [3, 4] } }, { inputs: { x: [5] } }],
  formula: {
    forward: 'y = \\frac{1}{1 + e^{-x}}',
    derivatives: { x: '\\frac{\\partial y}{\\partial x} = y(1 - y)' },
  },
  fusedActivation: { activation: 'sigmoid' },
  forward(inputs, ctx) {
    const out = ctx.backend.sigmoid(inputs.x);
    return { outputs: { out }, cache: out };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    return { x: ctx.backend.sigmoidBackward(gradOutputs.out, cache as Tensor) };
  },
};
