import { formatShape } from '../tensor/format-shape';
import { sameShape, type Tensor } from '../tensor/tensor';

/** The denominator's floor, so two (near-)zero gradients compare as equal instead of dividing by 0. */
export const RELATIVE_ERROR_FLOOR = 1e-12;

function requireSameShape(a: Tensor, b: Tensor, what: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${what} needs two tensors of the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}

/** The mean of |a − b| over all elements (the chapter's grad-check figure); 0 for empty tensors. */
export function meanAbsDiff(a: Tensor, b: Tensor): number {
  requireSameShape(a, b, 'meanAbsDiff');
  const n = a.data.length;
  if (n === 0) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.abs(a.data[i] - b.data[i]);
  return total / n;
}

/** The largest |a − b| / max(|a|, |b|, floor) over all elements; NaN when either holds a NaN. */
export function maxRelError(a: Tensor, b: Tensor, floor = RELATIVE_ERROR_FLOOR): number {
  requireSameShape(a, b, 'maxRelError');
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = b.data[i];
    const error = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
    if (Number.isNaN(error)) return NaN;
    if (error > worst) worst = error;
  }
  return worst;
}
