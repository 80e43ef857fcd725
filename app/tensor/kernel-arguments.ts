import { canSumTo } from './broadcast';
import { formatShape } from './format-shape';
import { sameShape, type Tensor } from './tensor';

/** The checks both backends make on a kernel's tensors before running it (the same sentences from either). */

export function requireSameShape(a: Tensor, b: Tensor, what: string, aName: string, bName: string): void {
  if (!sameShape(a.shape, b.shape)) {
    throw new RangeError(`${what} needs ${aName} and ${bName} of the same shape, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
}

/** An optimizer's update: the gradient and every state tensor (velocity, h, m, v) have the parameter's shape. */
export function requireParamShape(what: string, param: Tensor, others: Readonly<Record<string, Tensor>>): void {
  for (const [name, t] of Object.entries(others)) requireSameShape(param, t, what, 'param', name);
}

/** Rows and columns of a 1-D (one row) or 2-D tensor. */
export function rowsAndCols(t: Tensor, what: string): [number, number] {
  if (t.shape.length === 1) return [1, t.shape[0]];
  if (t.shape.length === 2) return [t.shape[0], t.shape[1]];
  throw new RangeError(`${what} needs a 1-D or 2-D tensor, got shape ${formatShape(t.shape)}`);
}

/** sumTo reduces a gradient only to a shape that broadcasts to it (a scalar, or a row vector of its rows). */
export function requireSumsTo(g: Tensor, shape: readonly number[]): void {
  if (!canSumTo(g.shape, shape)) {
    throw new RangeError(`sumTo cannot reduce a gradient of shape ${formatShape(g.shape)} to ${formatShape(shape)}`);
  }
}

/** countCorrect's scores, one row per label: their rows and columns. */
export function scoreRowsAndCols(scores: Tensor, labels: ArrayLike<number>): [number, number] {
  const [rows, cols] = rowsAndCols(scores, 'countCorrect');
  if (labels.length !== rows) {
    throw new RangeError(`countCorrect: ${rows} rows of scores ${formatShape(scores.shape)} but ${labels.length} labels`);
  }
  return [rows, cols];
}
