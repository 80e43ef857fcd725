import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { UNARY_ELEMENTWISE } from './elementwise-shape';

export const reciprocalOp: OpDefinition = {
  kind: 'Reciprocal',
  title: '1/x',
  description: 'One over x; backward multiplies the upstream gradient by −out², that is −1/x².',
  ...UNARY_ELEMENTWISE,
  // |x| in [1, 2], where 1/x is gentle.
  samples: [{ inputs: { x: [3, 4] }, range: [1, 2] }],
  formula: {
    forward: 'out = \\frac{1}{x}',
    derivatives: { x: '\\frac{\\partial out}{\\partial x} = -\\frac{1}{x^{2}} = -out^{2}' },
  },
  forward(inputs, ctx) {
    const out = ctx.backend.reciprocal(inputs.x);
    return { outputs: { out }, cache: out };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    const b = ctx.backend;
    const out = cache as Tensor;
    return { x: b.scale(b.mul(gradOutputs.out, b.mul(out, out)), -1) };
  },
};
