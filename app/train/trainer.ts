import type { GraphDocument, StoredTensor } from '../graph/document';
import { serializeGraphDocument } from '../graph/parse';
import { tensorToStored } from '../graph/stored-tensors';
import type { Backend } from '../tensor/backend';
import { createRandom } from '../tensor/random';
import { cloneTensor, type Tensor } from '../tensor/tensor';
import { CLASSES, PIXELS, type MnistData } from './data';
import { evaluateSplit } from './evaluate';
import { createOptimizer } from './optimizers';
import type { EpochResult, TrainingOptions, TrainingResult } from './protocol';
import { createTrainingGraph } from './training-graph';

/** Cooperative control, checked between iterations (the worker implements it with Atomics). */
export interface TrainingControl {
  shouldStop?(): boolean;
  /** Returns when the run may go on; the worker blocks here while paused. */
  waitWhilePaused?(iteration: number): void;
}

export interface TrainingObserver {
  /** After each iteration (1-based) with its loss. */
  onIteration?(iteration: number, loss: number): void;
  onEpoch?(epoch: EpochResult): void;
}

export type TrainingOutcome =
  | { readonly status: 'done'; readonly result: TrainingResult }
  | { readonly status: 'cancelled'; readonly iteration: number }
  /** `result` holds the last good weights: absent when the very first iteration diverged. */
  | { readonly status: 'diverged'; readonly iteration: number; readonly message: string; readonly result?: TrainingResult };

export interface TrainRequest {
  readonly document: GraphDocument;
  readonly options: TrainingOptions;
  readonly backend: Backend;
  readonly data: MnistData;
  readonly control?: TrainingControl;
  readonly observer?: TrainingObserver;
  /** Milliseconds, for the reported seconds (app/ has no performance clock of its own). */
  readonly clock?: () => number;
}

/** The chapter's iter_per_epoch: one pass's worth of batches. */
export function iterationsPerEpoch(trainCount: number, batchSize: number): number {
  return Math.max(Math.floor(trainCount / batchSize), 1);
}

export function divergenceMessage(iteration: number, loss: number): string {
  const shown = Number.isFinite(loss) ? String(Number(loss.toPrecision(6))) : String(loss);
  return `training diverged at iteration ${iteration} (loss = ${shown}); try a smaller learning rate`;
}

/**
 * A loss this many times above where the run started (or above chance, ln 10, if it started lower)
 * counts as divergence too. Softmax-with-Loss clamps log(y) at log(1e-7), so an exploding run often
 * sits at a finite loss near 16 instead of reaching NaN; a sane run never climbs to 4× chance level.
 */
export const DIVERGENCE_FACTOR = 4;

export function isDiverged(loss: number, firstLoss: number | undefined): boolean {
  if (!Number.isFinite(loss)) return true;
  if (firstLoss === undefined) return false;
  return loss > DIVERGENCE_FACTOR * Math.max(firstLoss, Math.log(CLASSES));
}

/** Separate streams so that the batches do not depend on how many weights the graph has. */
const BATCH_STREAM = 0x9e3779b9;

export function validateTrainingOptions(options: TrainingOptions): void {
  const positiveInteger = (value: number, what: string): void => {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be a positive integer, got ${value}`);
  };
  positiveInteger(options.iterations, 'the number of iterations');
  positiveInteger(options.batchSize, 'the batch size');
  positiveInteger(options.hiddenSize, 'the hidden layer size');
  if (!(options.learningRate > 0) || !Number.isFinite(options.learningRate)) {
    throw new RangeError(`the learning rate must be a positive number, got ${options.learningRate}`);
  }
  if (!(options.weightStd > 0) || !Number.isFinite(options.weightStd)) {
    throw new RangeError(`the weight std must be a positive number, got ${options.weightStd}`);
  }
  if (!Number.isInteger(options.seed)) throw new RangeError(`the seed must be an integer, got ${options.seed}`);
}

/** Trains the document's Parameter nodes on MNIST with SGD or another optimizer; synchronous. */
export function trainGraph(request: TrainRequest): TrainingOutcome {
  const { document, options, backend, data, control, observer } = request;
  const clock = request.clock ?? Date.now;
  validateTrainingOptions(options);
  const started = clock();
  const graph = createTrainingGraph(document);

  const params = graph.initialParameters(backend);

  const optimizer = createOptimizer(options.optimizer, options.learningRate, backend);
  const batchRandom = createRandom((options.seed ^ BATCH_STREAM) >>> 0);
  const train = data.train;
  const perEpoch = iterationsPerEpoch(train.count, options.batchSize);
  const indices = new Int32Array(options.batchSize);
  const lossCurve: number[] = [];
  const epochs: EpochResult[] = [];
  // The weights of the last iteration whose loss was sane, copied into buffers allocated once.
  const lastGood = new Map([...params].map(([id, t]) => [id, cloneTensor(t)]));

  const finish = (weights: ReadonlyMap<string, Tensor>, iterations: number): TrainingResult => {
    const trainEval = evaluateSplit(graph, backend, weights, data.train);
    const testEval = evaluateSplit(graph, backend, weights, data.test, true);
    const stored: Record<string, StoredTensor> = {};
    for (const [id, tensor] of weights) stored[id] = tensorToStored(tensor);
    const trained: GraphDocument = { ...document, tensors: { ...(document.tensors ?? {}), ...stored } };
    return {
      iterations,
      seconds: (clock() - started) / 1000,
      trainAccuracy: trainEval.accuracy,
      testAccuracy: testEval.accuracy,
      backend: options.backend,
      weights: stored,
      graphText: serializeGraphDocument(trained),
      lossCurve,
      epochs,
      confusion: testEval.confusion!,
    };
  };

  for (let i = 0; i < options.iterations; i++) {
    control?.waitWhilePaused?.(i);
    if (control?.shouldStop?.()) return { status: 'cancelled', iteration: i };

    for (let b = 0; b < indices.length; b++) indices[b] = batchRandom.below(train.count);
    const batch = backend.gatherBatch(train.images, train.labels, PIXELS, CLASSES, indices);
    const { loss, grads } = graph.lossAndGradients(backend, params, batch);
    if (isDiverged(loss, lossCurve[0])) {
      const message = divergenceMessage(i + 1, loss);
      return { status: 'diverged', iteration: i + 1, message, result: i > 0 ? finish(lastGood, i) : undefined };
    }
    lossCurve.push(loss);
    // These weights gave a finite loss: keep them in case the update below ruins them.
    for (const [id, t] of params) lastGood.get(id)!.data.set(t.data);
    for (const [id, param] of params) {
      const grad = grads.get(id);
      if (grad) optimizer.update(id, param, grad);
    }
    observer?.onIteration?.(i + 1, loss);

    if (i % perEpoch === 0) {
      const epoch: EpochResult = {
        epoch: epochs.length + 1,
        iteration: i + 1,
        trainAccuracy: evaluateSplit(graph, backend, params, data.train).accuracy,
        testAccuracy: evaluateSplit(graph, backend, params, data.test).accuracy,
      };
      epochs.push(epoch);
      observer?.onEpoch?.(epoch);
    }
  }
  return { status: 'done', result: finish(params, options.iterations) };
}
