import { formatShape } from './format-shape';
import { sameShape } from './tensor';

/**
 * The chapter's broadcasting rule, shared by the kernels and the ops' shape rules: equal shapes,
 * a scalar (shape []) against anything, or a row vector [C] / [1, C] against a matrix [N, C].
 */
export type BroadcastKind = 'same' | 'scalarLeft' | 'scalarRight' | 'rowLeft' | 'rowRight';

export interface BroadcastPlan {
  readonly kind: BroadcastKind;
  readonly shape: readonly number[];
}

function isRowVectorOf(row: readonly number[], matrix: readonly number[]): boolean {
  if (matrix.length !== 2) return false;
  const cols = matrix[1];
  if (row.length === 1) return row[0] === cols;
  return row.length === 2 && row[0] === 1 && row[1] === cols;
}

/** How `a` and `b` combine elementwise; throws a RangeError naming both shapes when they cannot. */
export function planBroadcast(a: readonly number[], b: readonly number[]): BroadcastPlan {
  if (sameShape(a, b)) return { kind: 'same', shape: [...a] };
  if (a.length === 0) return { kind: 'scalarLeft', shape: [...b] };
  if (b.length === 0) return { kind: 'scalarRight', shape: [...a] };
  if (isRowVectorOf(a, b)) return { kind: 'rowLeft', shape: [...b] };
  if (isRowVectorOf(b, a)) return { kind: 'rowRight', shape: [...a] };
  throw new RangeError(
    `cannot broadcast ${formatShape(a)} with ${formatShape(b)}: shapes must be equal, one a scalar, or a row vector C / 1×C against a matrix N×C`,
  );
}

/** The shape of an elementwise result of `a` and `b`. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  return [...planBroadcast(a, b).shape];
}

/** Whether a gradient of shape `from` can be summed back to `to` (the reverse of broadcasting). */
export function canSumTo(from: readonly number[], to: readonly number[]): boolean {
  if (sameShape(from, to) || to.length === 0) return true;
  return isRowVectorOf(to, from);
}
