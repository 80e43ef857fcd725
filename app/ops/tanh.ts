import { scalar, type Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { UNARY_ELEMENTWISE } from './elementwise-shape';

export const tanhOp: OpDefinition = {
  kind: 'Tanh',
  description: 'Squashes x into (−1, 1); like Sigmoid, backward needs only the output y: dL/dy · (1 − y²).',
  ...UNARY_ELEMENTWISE,
  samples: [{ inputs: { x: [3, 4] } }, { inputs: { x: [5] } }],
  formula: {
    forward: 'y = \\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}',
    derivatives: { x: '\\frac{\\partial y}{\\partial x} = 1 - y^2' },
  },
  fusedActivation: { activation: 'tanh' },
  forward(inputs, ctx) {
    // tanh(x) = 2·sigmoid(2x) − 1, on the kernels every backend has.
    const { backend } = ctx;
    const out = backend.add(backend.scale(backend.sigmoid(backend.scale(inputs.x, 2)), 2), scalar(-1, backend.dtype));
    return { outputs: { out }, cache: out };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    const { backend } = ctx;
    const y = cache as Tensor;
    const dout = gradOutputs.out;
    return { x: backend.add(dout, backend.scale(backend.mul(backend.mul(dout, y), y), -1)) };
  },
};
