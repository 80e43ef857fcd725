import { createRandom } from '../tensor/random';
import { allocate, type DType, type Tensor } from '../tensor/tensor';

import { INITIALIZERS, type Initializer } from '../options';

export { INITIALIZERS, type Initializer };

/**
 * The standard deviation of each initializer, as in the book's multi_layer_net.py: `normal` uses the
 * given std (the chapter: 0.01), He √(2 / fan-in) for ReLU, Xavier √(1 / fan-in) for Sigmoid.
 * The fan-in is the first dimension: the rows of W [in, out], or the length of a vector.
 */
export function initializerStd(init: Initializer, fanIn: number, std: number): number {
  switch (init) {
    case 'zeros':
      return 0;
    case 'normal':
      return std;
    case 'he':
      return Math.sqrt(2 / fanIn);
    case 'xavier':
      return Math.sqrt(1 / fanIn);
  }
}

/** A tensor of `shape` drawn from std · N(0, 1) with a seeded generator, filled row-major. */
export function initializeTensor(shape: readonly number[], init: Initializer, std: number, seed: number, dtype: DType = 'float64'): Tensor {
  const t = allocate(shape, dtype);
  if (init === 'zeros') return t;
  const scale = initializerStd(init, Math.max(shape[0] ?? 1, 1), std);
  const random = createRandom(seed);
  for (let i = 0; i < t.data.length; i++) t.data[i] = scale * random.normal();
  return t;
}
