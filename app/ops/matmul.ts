import type { OpDefinition } from './op';
import { matmulBackward, matmulForward } from './matmul-kernels';
import { matmulShape } from './matrix-shape';

export const matmulOp: OpDefinition = {
  kind: 'MatMul',
  title: 'dot',
  description: 'The matrix product x · W (np.dot); backward gives dx = dout · Wᵀ and dW = xᵀ · dout.',
  inputs: ['x', 'W'],
  samples: [{ inputs: { x: [3, 4], W: [4, 2] } }, { inputs: { x: [4], W: [4, 3] } }],
  formula: {
    forward: 'out = x \\cdot W',
    derivatives: {
      x: '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial out} \\cdot W^{T}',
      W: '\\frac{\\partial L}{\\partial W} = x^{T} \\cdot \\frac{\\partial L}{\\partial out}',
    },
  },
  inferShape: (inputs) => ({ out: matmulShape(inputs.x, inputs.W) }),
  forward(inputs, ctx) {
    return { outputs: { out: matmulForward(ctx.backend, inputs.x, inputs.W) } };
  },
  backward(gradOutputs, _cache, inputs, ctx) {
    const { dx, dW } = matmulBackward(ctx.backend, gradOutputs.out, inputs.x, inputs.W);
    return { x: dx, W: dW };
  },
};
