import type { MnistSplitData } from '../mnist';
import type { OptimizerName } from '../options';

/** The activations a fused kernel may implement; ops declare theirs (OpDefinition.fusedActivation). */
export const FUSED_ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'leakyRelu'] as const;
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number];
export type MlpActivation = 'none' | FusedActivation;

/**
 * A training graph lowered to a multilayer perceptron: MNIST pixels through Affine layers, each
 * optionally followed by an activation, into Softmax-with-Loss against the batch's labels.
 */
export interface MlpSpec {
  /** Widths from the input to the class scores: layers + 1 entries. */
  readonly sizes: readonly number[];
  /** The activation after each Affine layer. */
  readonly activations: readonly MlpActivation[];
  /** Each layer's LeakyReLU slope for x < 0 (0 for the other activations). */
  readonly slopes: readonly number[];
  /** The Parameter node id of each layer's W ([in, out]) and b ([out] or [1, out]). */
  readonly weightIds: readonly string[];
  readonly biasIds: readonly string[];
}

export interface MlpTrainerOptions {
  readonly spec: MlpSpec;
  /** The starting values, layer by layer: W0, b0, W1, b1, … (copied). */
  readonly params: readonly Float32Array[];
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** The largest number of rows a step takes (scratch buffers are sized for it once). */
  readonly batchSize: number;
  readonly train: MnistSplitData;
  /**
   * The other splits its accuracy passes will read. A kernel that prepares a split before reading it
   * (the native one lists its lit pixels) does so now, before a run's clock starts, as it does the
   * training split's.
   */
  readonly evaluated?: readonly MnistSplitData[];
}

/**
 * The whole training step of an MLP as one kernel: reads the uint8 training images directly,
 * skips zero pixels, computes no gradient for the input, and updates the weights with the
 * optimizer. The weights before the latest update are kept as well (the trainer's last good ones).
 */
export interface MlpTrainer {
  /**
   * Forward, backward and the optimizer update on the training rows `indices`; returns the loss.
   * When the loss is not finite or above `maxLoss` the update is skipped (the run has diverged).
   * `next`, the next step's rows if the caller knows them, lets a kernel start loading them.
   */
  step(indices: Int32Array, maxLoss: number, next?: Int32Array): number;
  /**
   * How many of the split's rows [start, start + count) (within the split) the current weights
   * classify right; adds counts to confusion[actual·classes + predicted] if given. A kernel may keep
   * a prepared copy of each split it has seen: a split's arrays must not change while the trainer is in use.
   */
  evaluate(split: MnistSplitData, start: number, count: number, confusion?: Int32Array): number;
  /**
   * Optional: starts counting, beside the steps, how many rows of each split the current
   * weights classify right (on a copy of them, taken now), while steps go on. One count at a time:
   * take the last one's result first.
   */
  countInBackground?(splits: readonly MnistSplitData[]): BackgroundCount;
  /** Copies of the weights (W0, b0, W1, b1, …): the current ones, or those before the last update. */
  weights(previous?: boolean): Float32Array[];
}

/** A count started by MlpTrainer.countInBackground. */
export interface BackgroundCount {
  /** The rows classified right, one count per split, waiting up to `waitMilliseconds` (Infinity: until done); undefined if still running. */
  result(waitMilliseconds: number): number[] | undefined;
  /** Stops the count (its result is not wanted). */
  cancel(): void;
}
