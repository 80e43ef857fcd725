import { formatShape } from '../tensor/format-shape';
import { ShapeError } from './op';

/**
 * The shape rule of x · W: x is a batch N×K or a single vector K (the chapter's first Affine
 * example), W is K×M; the product is N×M or M.
 */
export function matmulShape(x: readonly number[], w: readonly number[]): number[] {
  if (w.length !== 2) throw new ShapeError('shape_weight_2d', { w: formatShape(w) });
  if (x.length !== 1 && x.length !== 2) throw new ShapeError('shape_matmul_x', { x: formatShape(x) });
  const k = x[x.length - 1];
  if (k !== w[0]) {
    throw new ShapeError('shape_matmul_inner', { x: formatShape(x), w: formatShape(w), k: String(k), rows: String(w[0]) });
  }
  return x.length === 1 ? [w[1]] : [x[0], w[1]];
}
