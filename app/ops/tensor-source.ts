import { fromArray, type Tensor } from '../tensor/tensor';
import { ShapeError, type OpDefinition, type Params } from './op';

const DEFAULT_VALUE = [
  [1, 2],
  [3, 4],
];

/** The `value` parameter as a tensor: a matrix number[][] or a vector number[]. */
export function tensorFromValueParam(params: Params, dtype: 'float64' | 'float32' = 'float64'): Tensor {
  const value = params.value ?? DEFAULT_VALUE;
  if (!Array.isArray(value) || value.length === 0) {
    throw new ShapeError('tensor_value_shape', { value: JSON.stringify(value) });
  }
  if (value.every((v) => typeof v === 'number')) {
    const vector = value as number[];
    if (!vector.every(Number.isFinite)) throw new ShapeError('tensor_value_finite');
    return fromArray([vector.length], vector, dtype);
  }
  if (!value.every((row) => Array.isArray(row))) {
    throw new ShapeError('tensor_value_mixed');
  }
  const rows = value as number[][];
  const cols = rows[0].length;
  const ragged = rows.findIndex((row) => row.length !== cols);
  if (ragged >= 0) {
    throw new ShapeError('tensor_value_ragged', { row: String(ragged), count: String(rows[ragged].length), cols: String(cols) });
  }
  const flat = rows.flat();
  if (!flat.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new ShapeError('tensor_value_finite');
  return fromArray([rows.length, cols], flat, dtype);
}

export const tensorOp: OpDefinition = {
  kind: 'Tensor',
  description: 'A small editable vector or matrix, such as a batch of inputs or a weight matrix.',
  inputs: [],
  params: [{ name: 'value', label: 'Values', type: 'matrix', default: DEFAULT_VALUE }],
  samples: [{ inputs: {} }, { inputs: {}, params: { value: [1, 2, 3] } }],
  formula: { forward: 'out = X', derivatives: {} },
  inferShape: (_inputs, params) => ({ out: [...tensorFromValueParam(params).shape] }),
  forward(_inputs, ctx) {
    return { outputs: { out: tensorFromValueParam(ctx.params, ctx.backend.dtype) } };
  },
  backward() {
    return {};
  },
};
