import { scalar } from '../tensor/tensor';
import type { OpDefinition } from './op';
import { numberParam } from './params';

export const scalarOp: OpDefinition = {
  kind: 'Scalar',
  description: 'A single number, such as an apple price or a tax rate.',
  inputs: [],
  params: [{ name: 'value', label: 'Value', type: 'number', default: 1 }],
  samples: [{ inputs: {}, params: { value: 3 } }],
  formula: { forward: 'out = v', derivatives: {} },
  inferShape(_inputs, params) {
    numberParam(params, 'value', 1);
    return { out: [] };
  },
  forward(_inputs, ctx) {
    return { outputs: { out: scalar(numberParam(ctx.params, 'value', 1), ctx.backend.dtype) } };
  },
  backward() {
    return {};
  },
};
