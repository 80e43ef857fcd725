import type { Tensor } from '../../app/tensor/tensor';

/** Up to 6 significant digits, float noise trimmed: 2.2000000000000006 → "2.2", 220 → "220". */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  const abs = Math.abs(rounded);
  if (abs >= 1e-4 && abs < 1e7) return String(rounded).replace('-', '−');
  return rounded.toExponential().replace('e+', 'e').replace('-', '−');
}

export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

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
