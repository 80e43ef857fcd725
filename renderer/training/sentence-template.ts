import type { TFunction } from 'i18next';

/**
 * A sentence translated once and filled many times: a gallery or a matrix says the same sentence for
 * dozens of items, and one i18next lookup with interpolation per item is a measurable part of the
 * frame that shows them. The placeholders come back as markers that each call replaces.
 */
export function sentenceTemplate(t: TFunction<'training'>, key: string, names: readonly string[]): (values: Readonly<Record<string, string | number>>) => string {
  const marker = (name: string) => `\u2063${name}\u2063`;
  const text = t(key, Object.fromEntries(names.map((n) => [n, marker(n)])));
  return (values) => names.reduce((s, n) => s.split(marker(n)).join(String(values[n])), text);
}
