import type { Backend } from '../tensor/backend';
import type { Tensor } from '../tensor/tensor';
import { MNIST_CLASSES as CLASSES, MNIST_PIXELS as PIXELS, type MnistSplitData } from '../mnist';
import type { TrainingGraph } from './training-graph';

/** Rows per forward pass when measuring accuracy: measured fastest here (small buffers stay in cache and cost no page faults). */
export const EVALUATION_CHUNK = 1_000;

export interface Evaluation {
  readonly accuracy: number;
  /** confusion[actual][predicted], when asked for. */
  readonly confusion?: number[][];
}

function argmaxRow(data: Tensor['data'], offset: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (data[offset + c] > data[offset + best]) best = c;
  return best;
}

/** Accuracy of the graph's scores over a whole split, forward in chunks. */
export function evaluateSplit(
  graph: TrainingGraph,
  backend: Backend,
  params: ReadonlyMap<string, Tensor>,
  split: MnistSplitData,
  withConfusion = false,
  chunk = EVALUATION_CHUNK,
): Evaluation {
  return evaluateSplitUnlessStopped(graph, backend, params, split, withConfusion, undefined, chunk)!;
}

/** evaluateSplit asking `shouldStop` between chunks: undefined when it said so (a cancelled run). */
export function evaluateSplitUnlessStopped(
  graph: TrainingGraph,
  backend: Backend,
  params: ReadonlyMap<string, Tensor>,
  split: MnistSplitData,
  withConfusion: boolean,
  shouldStop: (() => boolean) | undefined,
  chunk = EVALUATION_CHUNK,
): Evaluation | undefined {
  let correct = 0;
  const confusion = withConfusion ? Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0)) : undefined;
  for (let start = 0; start < split.count; start += chunk) {
    if (start > 0 && shouldStop?.()) return undefined;
    const end = Math.min(start + chunk, split.count);
    const indices = new Int32Array(end - start);
    for (let i = 0; i < indices.length; i++) indices[i] = start + i;
    const batch = backend.gatherBatch(split.images, split.labels, PIXELS, CLASSES, indices);
    const scores = graph.scores(backend, params, batch);
    const labels = split.labels.subarray(start, end);
    correct += backend.countCorrect(scores, labels);
    if (confusion) {
      const classes = scores.shape[scores.shape.length - 1];
      for (let r = 0; r < labels.length; r++) confusion[labels[r]][argmaxRow(scores.data, r * classes, classes)]++;
    }
  }
  return { accuracy: correct / split.count, confusion };
}
