import { formatShape } from '../tensor/format-shape';
import { sameShape, type Tensor } from '../tensor/tensor';
import { ShapeError } from './op';

/** The shape rule of the losses: scores and one-hot labels of one shape, C or N×C; a scalar loss. */
export function lossShape(scores: readonly number[], scoresName: string, labels: readonly number[]): readonly number[] {
  if (scores.length !== 1 && scores.length !== 2) {
    throw new ShapeError('shape_scores', { scores: scoresName, shape: formatShape(scores) });
  }
  if (!sameShape(scores, labels)) {
    throw new ShapeError('shape_labels', { scores: scoresName, shape: formatShape(scores), labels: formatShape(labels) });
  }
  return [];
}

/** N of the mean over the batch: the rows of a batch, 1 for a single vector. */
export function batchSize(t: Tensor): number {
  return t.shape.length === 2 ? t.shape[0] : 1;
}
