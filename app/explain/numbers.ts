import { formatNumber } from '../tensor/format-number';

/** Digits of the numbers a worked local derivative shows (the chapter's 0.731 · (1 − 0.731) = 0.197). */
export const LOCAL_DIGITS = 3;

/** A number inside a product: negative ones in parentheses, with a real minus sign. */
export function factorText(x: number, digits = 6): string {
  const text = numberText(x, digits);
  return x < 0 ? `(${text})` : text;
}

/** A number standing alone, with a real minus sign. */
export function numberText(x: number, digits = 6): string {
  return formatNumber(x, digits).replace('e+', 'e').replace(/-/g, '−');
}

/** "1 × 1.1 × 2 = 2.2": the factors as multiplied, then their product. */
export function productText(factors: readonly number[], product: number): string {
  return `${factors.map((f) => factorText(f)).join(' × ')} = ${numberText(product)}`;
}

/** "2.2 + 1.3 = 3.5": one contribution per path, then their sum. */
export function sumText(terms: readonly number[], sum: number): string {
  return `${terms.map((t, i) => (i > 0 && t < 0 ? `(${numberText(t)})` : numberText(t))).join(' + ')} = ${numberText(sum)}`;
}
