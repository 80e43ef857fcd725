import { CodedError } from '../i18n/messages';
import { MAX_MNIST_BATCH } from '../limits';
import { MNIST_CLASSES, MNIST_PIXELS, MNIST_SPLIT_SIZES, MNIST_SPLITS } from '../mnist';
import { asDtype } from '../tensor/convert';
import { formatShapeTex } from '../tensor/format-shape';
import { createRandom } from '../tensor/random';
import { ShapeError, type MnistBatchRequest, type OpDefinition, type Params } from './op';
import { choiceParam, integerParam } from './params';

const SPLITS = MNIST_SPLITS;

/**
 * The image indices of a batch: the explicit list, checked against the split's size, or a seeded
 * draw of batchSize indices with replacement (as the book's np.random.choice).
 */
export function resolveMnistIndices(request: MnistBatchRequest, splitSize: number): Int32Array {
  // An empty list means none was given, as in the inspector's cleared field.
  if (request.indices !== undefined && request.indices.length > 0) {
    for (const index of request.indices) {
      if (!Number.isInteger(index) || index < 0 || index >= splitSize) {
        throw new ShapeError('mnist_index', { index: String(index), last: String(splitSize - 1), split: request.split });
      }
    }
    return Int32Array.from(request.indices);
  }
  if (!Number.isInteger(request.batchSize) || request.batchSize < 1) {
    throw new ShapeError('mnist_batch_size', { value: String(request.batchSize) });
  }
  const random = createRandom(request.seed);
  const indices = new Int32Array(request.batchSize);
  for (let i = 0; i < indices.length; i++) indices[i] = random.below(splitSize);
  return indices;
}

/** The node's parameters as a data request; explicit indices are validated against the split. */
export function mnistRequestFromParams(params: Params): MnistBatchRequest {
  const split = choiceParam(params, 'split', SPLITS, 'train');
  const batchSize = integerParam(params, 'batchSize', 100, 1, MAX_MNIST_BATCH);
  const seed = integerParam(params, 'seed', 0);
  const indices = params.indices;
  if (indices === undefined || indices === null || (Array.isArray(indices) && indices.length === 0)) return { split, batchSize, seed };
  if (!Array.isArray(indices) || !indices.every((i) => typeof i === 'number')) {
    throw new ShapeError('mnist_indices_list', { value: JSON.stringify(indices) });
  }
  const list = indices as number[];
  if (list.length > MAX_MNIST_BATCH) throw new ShapeError('mnist_indices_many', { count: String(list.length), limit: String(MAX_MNIST_BATCH) });
  resolveMnistIndices({ split, batchSize, seed, indices: list }, MNIST_SPLIT_SIZES[split]);
  return { split, batchSize, seed, indices: list };
}

export const mnistBatchOp: OpDefinition = {
  kind: 'MnistBatch',
  title: 'MNIST batch',
  description: 'A batch of MNIST digits: images x (N × 784, in [0, 1]) and one-hot labels t (N × 10).',
  inputs: [],
  outputs: ['x', 't'],
  needsMnist: true,
  params: [
    { name: 'split', label: 'Split', type: 'select', default: 'train', options: SPLITS },
    { name: 'batchSize', label: 'Batch size', type: 'integer', default: 100, min: 1, max: MAX_MNIST_BATCH },
    { name: 'seed', label: 'Seed', type: 'integer', default: 0 },
    { name: 'indices', label: 'Image indices', type: 'indices', default: null, description: 'Explicit images; overrides batch size and seed.' },
  ],
  samples: [{ inputs: {}, params: { batchSize: 3 } }, { inputs: {}, params: { split: 'test', indices: [0, 9999] } }],
  formula: { forward: `x \\in [0, 1]^{${formatShapeTex(['N', MNIST_PIXELS])}}, \\; t \\in \\{0, 1\\}^{${formatShapeTex(['N', MNIST_CLASSES])}}`, derivatives: {} },
  inferShape(_inputs, params) {
    const request = mnistRequestFromParams(params);
    const n = request.indices?.length ?? request.batchSize;
    return { x: [n, MNIST_PIXELS], t: [n, MNIST_CLASSES] };
  },
  forward(_inputs, ctx) {
    if (!ctx.data) throw new CodedError('mnist_no_data');
    const { x, t } = ctx.data.mnistBatch(mnistRequestFromParams(ctx.params));
    const dtype = ctx.backend.dtype;
    return { outputs: { x: asDtype(x, dtype), t: asDtype(t, dtype) } };
  },
  backward() {
    return {};
  },
};
