import type { Tensor } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { UNARY_ELEMENTWISE } from './elementwise-shape';

export const expOp: OpDefinition = {
  kind: 'Exp',
  title: 'exp',
  description: 'e to the power x; its derivative is itself, so backward reuses the forward output.',
  ...UNARY_ELEMENTWISE,
  samples: [{ inputs: { x: [3, 4] } }, { inputs: { x: [] } }],
  formula: { forward: 'out = e^{x}', derivatives: { x: '\\frac{\\partial out}{\\partial x} = e^{x}' } },
  forward(inputs, ctx) {
    const out = ctx.backend.exp(inputs.x);
    return { outputs: { out }, cache: out };
  },
  backward(gradOutputs, cache, _inputs, ctx) {
    return { x: ctx.backend.mul(gradOutputs.out, cache as Tensor) };
  },
};
