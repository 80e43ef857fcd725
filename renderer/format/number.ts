import { formatNumber } from '../../app/tensor/format-number';
import { formatShape, type Tensor } from '../../app/tensor/tensor';

/** How many values a label shows before it summarises. */
const INLINE_LIMIT = 3;

/**
 * What an edge label shows: a scalar as its number; a short vector inline; anything else as its
 * shape and mean, so the label stays short whatever the tensor's size (hovering shows it whole).
 */
export function summarizeTensor(t: Tensor): string {
  const n = t.data.length;
  if (t.shape.length === 0 || (n === 1 && t.shape.every((d) => d === 1))) return formatNumber(t.data[0]);
  if (n <= INLINE_LIMIT && t.shape.length === 1) return `(${Array.from(t.data, (v) => formatNumber(v, 4)).join(', ')})`;
  if (n === 0) return `${formatShape(t.shape)} empty`;
  let sum = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    sum += t.data[i];
    largest = Math.max(largest, Math.abs(t.data[i]));
  }
  // A mean that is zero up to rounding (softmax gradients sum to 0 per row) reads as 0, not 4e−18.
  const mean = Math.abs(sum / n) <= largest * 1e-12 ? 0 : sum / n;
  return `${formatShape(t.shape)} μ${formatNumber(mean, 2)}`;
}
