import type { Tensor } from '../tensor/tensor';

/** Numbers for people: 2.2000000000000006 reads as 2.2, tiny and huge ones in exponent form. */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude < 1e-4 || magnitude >= 1e9) {
    const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
    return `${trimZeros(mantissa)}e${exponent}`;
  }
  return trimZeros(x.toPrecision(digits));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

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
  return t.shape.length === 1 ? `${t.shape[0]} values` : `${t.shape.join('×')} tensor`;
}
