import { asDtype } from '../tensor/convert';
import { formatShape } from '../tensor/format-shape';
import { cloneTensor, sameShape } from '../tensor/tensor';
import type { OpDefinition, Params } from './op';
import { INITIALIZERS, initializeTensor } from './initializers';
import { choiceParam, integerParam, numberParam } from './params';

/** [rows, cols], or the vector [rows] when cols is 0 (a bias). */
export function parameterShape(params: Params): number[] {
  const rows = integerParam(params, 'rows', 2, 1);
  const cols = integerParam(params, 'cols', 2, 0);
  return cols === 0 ? [rows] : [rows, cols];
}

export const parameterOp: OpDefinition = {
  kind: 'Parameter',
  description: 'A trainable weight matrix or bias vector, initialized from a seed (zeros, normal, He or Xavier).',
  inputs: [],
  trainable: true,
  params: [
    { name: 'rows', label: 'Rows', type: 'integer', default: 2, min: 1 },
    { name: 'cols', label: 'Columns', type: 'integer', default: 2, min: 0, description: '0 makes a vector of length rows (a bias).' },
    { name: 'init', label: 'Initializer', type: 'select', default: 'normal', options: INITIALIZERS },
    { name: 'std', label: 'Std (normal)', type: 'number', default: 0.01, min: 0 },
    { name: 'seed', label: 'Seed', type: 'integer', default: 0 },
  ],
  samples: [{ inputs: {}, params: { rows: 3, cols: 2, init: 'he' } }, { inputs: {}, params: { rows: 4, cols: 0, init: 'zeros' } }],
  formula: { forward: 'out = W', derivatives: {} },
  inferShape(_inputs, params) {
    choiceParam(params, 'init', INITIALIZERS, 'normal');
    numberParam(params, 'std', 0.01);
    integerParam(params, 'seed', 0);
    return { out: parameterShape(params) };
  },
  forward(_inputs, ctx) {
    const shape = parameterShape(ctx.params);
    const dtype = ctx.backend.dtype;
    if (ctx.stored) {
      if (!sameShape(ctx.stored.shape, shape)) {
        throw new Error(
          `Parameter '${ctx.nodeId}' holds stored weights of shape ${formatShape(ctx.stored.shape)} but its rows and columns say ${formatShape(shape)}`,
        );
      }
      // A copy, so updating the weights never edits the document's tensor.
      const stored = asDtype(ctx.stored, dtype);
      return { outputs: { out: stored === ctx.stored ? cloneTensor(stored) : stored } };
    }
    const init = choiceParam(ctx.params, 'init', INITIALIZERS, 'normal');
    const std = numberParam(ctx.params, 'std', 0.01);
    const seed = integerParam(ctx.params, 'seed', 0);
    return { outputs: { out: initializeTensor(shape, init, std, seed, dtype) } };
  },
  backward() {
    return {};
  },
};
