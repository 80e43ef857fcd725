import { formatShape } from './format-shape';
import type { Tensor } from './tensor';

export interface MatmulShape {
  /** op(A) is m × k, op(B) is k × n. */
  readonly m: number;
  readonly k: number;
  readonly n: number;
}

/** The sizes of C = op(A) · op(B), or a RangeError naming both shapes when they cannot multiply. */
export function planMatmul(a: Tensor, b: Tensor, transA: boolean, transB: boolean): MatmulShape {
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new RangeError(`matmul needs two 2-D tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const [aRows, aCols] = a.shape;
  const [bRows, bCols] = b.shape;
  const m = transA ? aCols : aRows;
  const k = transA ? aRows : aCols;
  const kB = transB ? bCols : bRows;
  const n = transB ? bRows : bCols;
  if (k !== kB) {
    const left = transA ? `${formatShape(a.shape)} transposed` : formatShape(a.shape);
    const right = transB ? `${formatShape(b.shape)} transposed` : formatShape(b.shape);
    throw new RangeError(`matmul cannot multiply ${left} by ${right}: inner dimensions ${k} and ${kB} differ`);
  }
  return { m, k, n };
}
