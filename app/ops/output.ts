import { allocate } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { numberParam } from './params';

export const outputOp: OpDefinition = {
  kind: 'Output',
  description: 'The end of the graph: its upstream gradient (1 by default, 1.3 in the chapter) starts the backward pass.',
  inputs: ['x'],
  outputs: [],
  params: [
    {
      name: 'grad',
      label: 'Upstream gradient',
      type: 'number',
      default: 1,
      description: 'The gradient of the final result with respect to x that backpropagation starts from.',
    },
  ],
  terminal: true,
  samples: [{ inputs: { x: [] } }, { inputs: { x: [2, 3] }, params: { grad: 2 } }],
  formula: { forward: 'L = x', derivatives: { x: '\\frac{\\partial L}{\\partial x} = g' } },
  inferShape(_inputs, params) {
    numberParam(params, 'grad', 1);
    return {};
  },
  forward() {
    return { outputs: {} };
  },
  backward(_gradOutputs, _cache, inputs, ctx) {
    const dx = allocate(inputs.x.shape, ctx.backend.dtype);
    dx.data.fill(numberParam(ctx.params, 'grad', 1));
    return { x: dx };
  },
};
