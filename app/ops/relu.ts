import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { UNARY_ELEMENTWISE } from './elementwise-shape';

export const reluOp: OpDefinition = {
  kind: 'Relu',
  title: 'ReLU',
  description: 'Passes positive values through and zeroes the rest; backward lets the gradient through only where x > 0.',
  ...UNARY_ELEMENTWISE,
  // Inputs kept away from the kink at 0.
  samples: [{ inputs: { x: [4, 5] }, range: [0.1, 1] }, { inputs: { x: [] }, range: [0.1, 1] }],
  formula: {
    forward: 'out = \\max(0, x)',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}' },
  },
  fusedActivation: { activation: 'relu' },
  forward(inputs, ctx) {
    // The chapter caches the mask x <= 0; keeping x lets the backend derive it.
    return { outputs: { out: ctx.backend.relu(inputs.x) }, cache: inputs.x };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    return { x: ctx.backend.reluBackward(gradOutputs.out, cache as Tensor) };
  },
};
