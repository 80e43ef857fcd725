import { formatNumber } from '../tensor/format-number';
import { formatShape } from '../tensor/format-shape';
import type { Tensor } from '../tensor/tensor';

/** A scalar as its number, a small tensor as its values, a larger one by its size ("50 values", "3×784 tensor"). */
export function describeTensor(t: Tensor, maxValues = 6): string {
  if (t.shape.length === 0) return formatNumber(t.data[0]);
  if (t.data.length <= maxValues) {
    const row = (values: ArrayLike<number>) => `[${Array.from(values, (v) => formatNumber(v)).join(', ')}]`;
    if (t.shape.length === 1) return row(t.data);
    if (t.shape.length === 2) {
      const cols = t.shape[1];
      return `[${Array.from({ length: t.shape[0] }, (_, r) => row(t.data.subarray(r * cols, (r + 1) * cols))).join(', ')}]`;
    }
  }
  return t.shape.length === 1 ? `${t.shape[0]} values` : `${formatShape(t.shape)} tensor`;
}
