import { formatShape } from '../tensor/format-shape';
import type { Tensor } from '../tensor/tensor';
import { numberText } from './numbers';

/** Tensors of at most this many elements print in full on their edge… */
export const FULL_LABEL_ELEMENTS = 12;
/** …when that takes at most this many characters: a label wider than a node would cover its neighbours. */
export const FULL_LABEL_CHARACTERS = 28;

/**
 * What an edge shows of a tensor: every number when it has at most 12 that print in at most 28
 * characters (a 2×2 matrix as its four numbers), else its shape and the range of its values,
 * "50×10 [−0.021 … 0.034]". A range never hides a real gradient the way a mean does (softmax
 * gradients sum to zero per row).
 */
export function tensorLabel(t: Tensor, digits = 4): string {
  return fullLabel(t, digits) ?? rangeLabel(t, digits);
}

/**
 * The same label as lines, the way the chapter prints a matrix: one row a line, so a batch's label is
 * as narrow as one of its rows. Anything else is one line.
 */
export function tensorLabelLines(t: Tensor, digits = 4): string[] {
  const text = tensorLabel(t, digits);
  const rows = t.shape.length >= 2 && t.data.length > 1 && printsInFull(t, digits) ? t.data.length / t.shape[t.shape.length - 1] : 1;
  return rows > 1 ? text.slice(1, -1).split(/(?<=\)), /) : [text];
}

/** Whether an edge shows every number of the tensor (else its shape and range, which the legend explains). */
export function printsInFull(t: Tensor, digits = 4): boolean {
  return fullLabel(t, digits) !== null;
}

const numeral = (digits: number) => (x: number) => numberText(x, digits).replace('Infinity', '∞');

function fullLabel(t: Tensor, digits: number): string | null {
  const n = t.data.length;
  const num = numeral(digits);
  if (n === 1 && t.shape.every((d) => d === 1)) return numberText(t.data[0]).replace('Infinity', '∞');
  if (n === 0) return `${formatShape(t.shape)} ∅`;
  if (n > FULL_LABEL_ELEMENTS) return null;
  let text: string;
  if (t.shape.length <= 1) text = `(${Array.from(t.data, num).join(', ')})`;
  else {
    const cols = t.shape[t.shape.length - 1];
    const rows = Array.from({ length: n / cols }, (_, r) => `(${Array.from(t.data.subarray(r * cols, (r + 1) * cols), num).join(', ')})`);
    text = `(${rows.join(', ')})`;
  }
  return text.length <= FULL_LABEL_CHARACTERS ? text : null;
}

function rangeLabel(t: Tensor, digits: number): string {
  const n = t.data.length;
  const num = numeral(digits);
  let min = Infinity;
  let max = -Infinity;
  let nan = false;
  for (let i = 0; i < n; i++) {
    const v = t.data[i];
    if (Number.isNaN(v)) nan = true;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return `${formatShape(t.shape)} [${num(min)} … ${num(max)}]${nan ? ' NaN' : ''}`;
}
