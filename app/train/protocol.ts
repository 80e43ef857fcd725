import type { Message } from '../i18n/messages';
import type { BackendName, InitName, OptimizerName } from '../options';
import type { TestAnalysis } from './test-analysis';

/** What the renderer and the CLI ask of a training run. */
export type { BackendName, InitName, OptimizerName };

export interface TrainingOptions {
  /** A graph document's JSON text to train; absent → the chapter's two-layer net. */
  readonly graphText?: string;
  readonly iterations: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly hiddenSize: number;
  readonly optimizer: OptimizerName;
  readonly init: InitName;
  /** Weight std for the 'normal' initializer (the chapter: 0.01). */
  readonly weightStd: number;
  readonly seed: number;
  readonly backend: BackendName;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  iterations: 10_000,
  batchSize: 100,
  learningRate: 0.1,
  hiddenSize: 50,
  optimizer: 'sgd',
  init: 'normal',
  weightStd: 0.01,
  seed: 0,
  backend: 'native',
};

export interface EpochResult {
  readonly epoch: number;
  readonly iteration: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
}

export type TrainingEvent =
  | { readonly type: 'started'; readonly runId: string; readonly options: TrainingOptions; readonly backend: BackendName }
  | {
      readonly type: 'progress';
      readonly runId: string;
      readonly iteration: number;
      readonly iterations: number;
      readonly loss: number;
      readonly elapsedSeconds: number;
      readonly etaSeconds: number;
      /** Losses since the previous progress event, so a chart gets every point at a bounded event rate. */
      readonly losses: readonly number[];
    }
  | ({ readonly type: 'epoch'; readonly runId: string } & EpochResult)
  | { readonly type: 'paused' | 'resumed'; readonly runId: string; readonly iteration: number }
  /** The first layer during the run, a few times a second (MLP graphs only). */
  | ({ readonly type: 'weights'; readonly runId: string } & LayerSnapshot)
  /** The trained net on every test image, sent just before 'done' (MLP graphs only). */
  | { readonly type: 'analysis'; readonly runId: string; readonly analysis: TestAnalysis }
  | { readonly type: 'done'; readonly runId: string; readonly result: TrainingResult }
  | { readonly type: 'cancelled'; readonly runId: string; readonly iteration: number }
  /** Divergence or any failure; `result` holds the last good weights when there were some. */
  | ({ readonly type: 'failed'; readonly runId: string; readonly result?: TrainingResult } & Message);

export interface TrainingResult {
  readonly iterations: number;
  /** The training loop's time (its per-epoch accuracies included, the final evaluation not: as the chapter's reference times it). */
  readonly seconds: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly backend: BackendName;
  /**
   * The trained graph as a graph file's text, its Parameters' trained weights in its tensors (the one
   * copy of them in a result: trainedWeights() reads them out), so it saves, opens and trains on as is.
   */
  readonly graphText: string;
  readonly lossCurve: readonly number[];
  readonly epochs: readonly EpochResult[];
  /** confusion[actual][predicted] over the test set. */
  readonly confusion: readonly (readonly number[])[];
}

/** A matrix on the wire: rows × cols values, row-major. */
export interface WireMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: readonly number[];
}

/**
 * A matrix sent for its picture: one signed byte per value (−127…127, each value ≈ level × scale),
 * the bytes in base64 — one string, parsed at once, whether the event crosses Electron's IPC or the
 * host's WebSocket as JSON (a third of the size of the levels as JSON numbers).
 */
export interface QuantizedMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly scale: number;
  readonly levels: string;
}

/** The first Affine layer's weights (inputs × hidden), its bias, and the next layer's weights (hidden × next). */
export interface LayerSnapshot {
  readonly iteration: number;
  readonly inputWeights: QuantizedMatrix;
  readonly bias: readonly number[];
  readonly outgoingWeights: WireMatrix | null;
}
