import type { Tensor } from '../../app/tensor/tensor';
import { formatNumber } from '../../app/tensor/format-number';
import { formatShapeTex } from '../../app/tensor/format-shape';

/** A value as KaTeX: a scalar's number (negative ones in parentheses); a tensor keeps its symbol with its shape beneath. */
export function texValue(t: Tensor, symbol = '\\square'): string {
  if (t.data.length === 1 && t.shape.length <= 1) {
    const text = formatNumber(t.data[0]).replace('−', '-');
    return text.startsWith('-') ? `(${text})` : text;
  }
  return `\\underset{${formatShapeTex(t.shape)}}{${symbol}}`;
}

/**
 * Puts numbers into a KaTeX formula: every symbol named in `values` becomes its value, except where
 * it names a derivative (`\partial out`), so "\frac{\partial out}{\partial x} = y" becomes
 * "\frac{\partial out}{\partial x} = 2".
 */
export function substituteNumbers(tex: string, values: Readonly<Record<string, Tensor | undefined>>): string {
  const names = Object.keys(values).filter((n) => values[n] !== undefined).sort((a, b) => b.length - a.length);
  if (names.length === 0) return tex;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(\\\\partial\\s*)?(?<![\\\\A-Za-z])(${escaped.join('|')})(?![A-Za-z])`, 'g');
  return tex.replace(pattern, (match, partial: string | undefined, name: string) => (partial ? match : texValue(values[name]!, name)));
}
