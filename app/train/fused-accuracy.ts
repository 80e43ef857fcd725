import type { MnistData, MnistSplitData } from '../mnist';
import type { BackgroundCount, MlpTrainer } from '../tensor/mlp-kernel';

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

/** A look at the count on another thread costs a call into the kernel (≈ 1 µs): one every this many steps. */
const POLL_EVERY = 16;

/** How long a wait for an accuracy count on another thread goes before it looks for a cancel again. */
const CANCEL_CHECK_MILLISECONDS = 50;

/**
 * A run's per-epoch accuracy passes (the training and test splits) on a fused kernel. A kernel that
 * counts on a thread of its own does them while the steps go on (on the other core): the epoch is
 * reported when its counts are in, a few steps later. Otherwise they run in line, a chunk at a time.
 * `report` gets each epoch's iteration and accuracies, in order.
 */
export function fusedEpochAccuracy(
  mlp: MlpTrainer,
  data: MnistData,
  shouldStop: (() => boolean) | undefined,
  report: (iteration: number, trainAccuracy: number, testAccuracy: number) => void,
) {
  let pending: { readonly iteration: number; readonly count: BackgroundCount } | undefined;
  let polls = 0;
  const reportPending = (waitMilliseconds: number) => {
    const counts = pending?.count.result(waitMilliseconds);
    if (!pending || !counts) return;
    report(pending.iteration, counts[0] / data.train.count, counts[1] / data.test.count);
    pending = undefined;
  };
  const cancel = () => {
    pending?.count.cancel();
    pending = undefined;
  };
  const settle = (): boolean => {
    while (pending) {
      if (shouldStop?.()) {
        cancel();
        return false;
      }
      reportPending(CANCEL_CHECK_MILLISECONDS);
    }
    return true;
  };
  return {
    /** The passes of the epoch that ends at `iteration` (begun, or done in line); false when the run was stopped during them. */
    run(iteration: number): boolean {
      if (mlp.countInBackground) {
        if (!settle()) return false;
        pending = { iteration, count: mlp.countInBackground([data.train, data.test]) };
        return true;
      }
      const train = countCorrectInChunks(mlp, data.train, shouldStop);
      const test = train === undefined ? undefined : countCorrectInChunks(mlp, data.test, shouldStop);
      if (train === undefined || test === undefined) return false;
      report(iteration, train / data.train.count, test / data.test.count);
      return true;
    },
    /** Reports the epoch counting on the other thread if it is done (call it after each step: it looks every POLL_EVERY calls). */
    poll() {
      if (++polls % POLL_EVERY === 0) reportPending(0);
    },
    /** Waits for the epoch still counting and reports it; false (the count cancelled) when the run is stopped meanwhile. */
    settle,
    /** Stops the epoch still counting, if any. */
    cancel,
  };
}
