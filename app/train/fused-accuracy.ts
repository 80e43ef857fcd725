import type { MnistSplitData } from '../mnist';
import type { MlpTrainer } from '../tensor/mlp-kernel';

/**
 * Rows per call of a fused kernel's accuracy pass: a cancel is seen between calls, so it waits for
 * one chunk at most, a twelfth of the training set's pass (a pass in one call kept a wide net's
 * cancel waiting for seconds). Few enough calls that their overhead does not show.
 */
export const FUSED_ACCURACY_ROWS = 5_000;

/**
 * How many rows of the split the kernel's current weights classify right, counted a chunk of rows per
 * call (adds to confusion[actual·classes + predicted] if given); `undefined` when `shouldStop` said so
 * between two chunks. The counts are the whole pass's, whatever the chunk size.
 */
export function countCorrectInChunks(
  mlp: MlpTrainer,
  split: MnistSplitData,
  shouldStop?: () => boolean,
  confusion?: Int32Array,
  rows = FUSED_ACCURACY_ROWS,
): number | undefined {
  let correct = 0;
  for (let start = 0; start < split.count; start += rows) {
    if (start > 0 && shouldStop?.()) return undefined;
    correct += mlp.evaluate(split, start, Math.min(rows, split.count - start), confusion);
  }
  return correct;
}
