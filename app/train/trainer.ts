import { compile, type Plan } from '../graph/compile';
import type { GraphDocument, StoredTensor } from '../graph/document';
import { serializeGraphDocument } from '../graph/parse';
import { tensorToStored } from '../graph/stored-tensors';
import type { Backend } from '../tensor/backend';
import { createRandom } from '../tensor/random';
import { cloneTensor, type Tensor } from '../tensor/tensor';
import { MNIST_CLASSES as CLASSES, MNIST_PIXELS as PIXELS, type MnistData, type MnistSplitData } from '../mnist';
import { evaluateSplitUnlessStopped, type Evaluation } from './evaluate';
import { countCorrectInChunks, fusedEpochAccuracy } from './fused-accuracy';
import { lowerMlp } from './mlp-lowering';
import type { MlpSpec } from '../tensor/mlp-kernel';
import { englishMessage, type Message } from '../i18n/messages';
import { createOptimizer } from './optimizers';
import type { EpochResult, TrainingOptions, TrainingResult } from './protocol';
import { validateTrainingOptions } from './options';
import { createTrainingGraph } from './training-graph';

export { validateTrainingOptions };

/** Cooperative control, checked between iterations (the worker implements it with Atomics). */
export interface TrainingControl {
  shouldStop?(): boolean;
  /** Returns when the run may go on; the worker blocks here while paused. */
  waitWhilePaused?(iteration: number): void;
}

export interface TrainingObserver {
  /** After each iteration (1-based) with its loss; `weights()` copies the current weights by Parameter id (costly: call it rarely). */
  onIteration?(iteration: number, loss: number, weights?: () => ReadonlyMap<string, Tensor>): void;
  onEpoch?(epoch: EpochResult): void;
}

export type TrainingOutcome =
  | { readonly status: 'done'; readonly result: TrainingResult }
  | { readonly status: 'cancelled'; readonly iteration: number }
  /** `result` holds the last good weights: absent when the very first iteration diverged. */
  | ({ readonly status: 'diverged'; readonly iteration: number; readonly result?: TrainingResult } & Required<Message>);

export interface TrainRequest {
  readonly document: GraphDocument;
  /** compile's plan of the document, when the caller has it already (trainingPlan); compiled here otherwise. */
  readonly plan?: Plan;
  readonly options: TrainingOptions;
  readonly backend: Backend;
  readonly data: MnistData;
  readonly control?: TrainingControl;
  readonly observer?: TrainingObserver;
  /**
   * Milliseconds, for the reported seconds: from the first iteration to the last, the per-epoch
   * accuracy passes included, set-up and the final passes not (what the NumPy reference times).
   * app/ has no performance clock of its own.
   */
  readonly clock?: () => number;
}

/** The chapter's iter_per_epoch: one pass's worth of batches. */
export function iterationsPerEpoch(trainCount: number, batchSize: number): number {
  return Math.max(Math.floor(trainCount / batchSize), 1);
}

/** What a diverged run says: the iteration and the loss, and the advice (in the user's language in the app). */
export function divergence(iteration: number, loss: number): Required<Message> {
  const shown = Number.isFinite(loss) ? String(Number(loss.toPrecision(6))) : String(loss);
  const params = { iteration: String(iteration), loss: shown };
  return { code: 'training_diverged', params, message: englishMessage('training_diverged', params) };
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


interface RunSummary {
  readonly iterations: number;
  readonly seconds: number;
  readonly trainEval: Evaluation;
  readonly testEval: Evaluation;
  readonly lossCurve: number[];
  readonly epochs: EpochResult[];
}

function result(request: TrainRequest, weights: ReadonlyMap<string, Tensor>, run: RunSummary): TrainingResult {
  const { document, options } = request;
  // fromEntries defines own fields, so a node id such as __proto__ is an ordinary key.
  const stored: Record<string, StoredTensor> = Object.fromEntries([...weights].map(([id, tensor]) => [id, tensorToStored(tensor)]));
  const trained: GraphDocument = { ...document, tensors: { ...(document.tensors ?? {}), ...stored } };
  return {
    iterations: run.iterations,
    seconds: run.seconds,
    trainAccuracy: run.trainEval.accuracy,
    testAccuracy: run.testEval.accuracy,
    backend: options.backend,
    graphText: serializeGraphDocument(trained),
    lossCurve: run.lossCurve,
    epochs: run.epochs,
    confusion: run.testEval.confusion!,
  };
}

/** The starting weights have the sizes the lowered MLP expects (stored tensors could differ). */
function fitsSpec(spec: MlpSpec, params: ReadonlyMap<string, Tensor>): boolean {
  return spec.weightIds.every((id, l) => {
    const w = params.get(id);
    const b = params.get(spec.biasIds[l]);
    const [inSize, outSize] = [spec.sizes[l], spec.sizes[l + 1]];
    return w?.shape.length === 2 && w.shape[0] === inSize && w.shape[1] === outSize && b?.data.length === outSize;
  });
}

/**
 * The loop of trainGraph on a backend's fused MLP kernel: the same batches, accuracy schedule,
 * events, divergence rule and results as the op-by-op loop.
 */
function trainLowered(
  request: TrainRequest,
  spec: MlpSpec,
  initial: ReadonlyMap<string, Tensor>,
  clock: () => number,
): TrainingOutcome {
  const { options, backend, data, control, observer } = request;
  const ids = spec.weightIds.flatMap((w, l) => [w, spec.biasIds[l]]);
  const shapes = ids.map((id) => initial.get(id)!.shape);
  const mlp = backend.createMlpTrainer!({
    spec,
    params: ids.map((id) => Float32Array.from(initial.get(id)!.data)),
    optimizer: options.optimizer,
    learningRate: options.learningRate,
    batchSize: options.batchSize,
    train: data.train,
    evaluated: [data.test],
  });
  const classes = spec.sizes[spec.sizes.length - 1];
  const stop = control?.shouldStop?.bind(control);
  const asTensors = (arrays: Float32Array[]): Map<string, Tensor> =>
    new Map(ids.map((id, p) => [id, { shape: [...shapes[p]], data: backend.dtype === 'float32' ? arrays[p] : Float64Array.from(arrays[p]) }]));

  const batchRandom = createRandom((options.seed ^ BATCH_STREAM) >>> 0);
  const perEpoch = iterationsPerEpoch(data.train.count, options.batchSize);
  // Each batch is drawn a step ahead (the same draws in the same order), so that the kernel can
  // start loading its images during the step before.
  let indices = new Int32Array(options.batchSize);
  let upcoming = new Int32Array(options.batchSize);
  batchRandom.fillBelow(indices, data.train.count);
  const lossCurve: number[] = [];
  const epochs: EpochResult[] = [];

  /** The run's result, or undefined when it was cancelled during the final accuracy passes. */
  const finish = (previous: boolean, iterations: number): TrainingResult | undefined => {
    const seconds = (clock() - started) / 1000;
    const weights = asTensors(mlp.weights(previous));
    // The evaluation runs on the kernel's current weights: for the previous ones, a fresh kernel holds them.
    const evaluator = previous ? backend.createMlpTrainer!({ ...mlpOptions(weights), batchSize: options.batchSize }) : mlp;
    const confusionCounts = new Int32Array(classes * classes);
    const trainCorrect = countCorrectInChunks(evaluator, data.train, stop);
    const testCorrect = trainCorrect === undefined ? undefined : countCorrectInChunks(evaluator, data.test, stop, confusionCounts);
    if (trainCorrect === undefined || testCorrect === undefined) return undefined;
    const confusion = Array.from({ length: classes }, (_, r) => Array.from(confusionCounts.subarray(r * classes, (r + 1) * classes)));
    const trainEval = { accuracy: trainCorrect / data.train.count };
    const testEval = { accuracy: testCorrect / data.test.count, confusion };
    return result(request, weights, { iterations, seconds, trainEval, testEval, lossCurve, epochs });
  };
  const mlpOptions = (weights: Map<string, Tensor>) => ({
    spec,
    params: ids.map((id) => Float32Array.from(weights.get(id)!.data)),
    optimizer: options.optimizer,
    learningRate: options.learningRate,
    train: data.train,
  });

  const epochAccuracy = fusedEpochAccuracy(mlp, data, stop, (iteration, trainAccuracy, testAccuracy) => {
    const epoch: EpochResult = { epoch: epochs.length + 1, iteration, trainAccuracy, testAccuracy };
    epochs.push(epoch);
    observer?.onEpoch?.(epoch);
  });

  const started = clock();
  for (let i = 0; i < options.iterations; i++) {
    control?.waitWhilePaused?.(i);
    if (control?.shouldStop?.()) {
      epochAccuracy.cancel();
      return { status: 'cancelled', iteration: i };
    }

    const hasNext = i + 1 < options.iterations;
    if (hasNext) batchRandom.fillBelow(upcoming, data.train.count);
    const maxLoss = lossCurve.length === 0 ? Infinity : DIVERGENCE_FACTOR * Math.max(lossCurve[0], Math.log(CLASSES));
    const loss = mlp.step(indices, maxLoss, hasNext ? upcoming : undefined);
    [indices, upcoming] = [upcoming, indices];
    if (isDiverged(loss, lossCurve[0])) {
      // The kernel skipped this update: its "previous" weights are those of the last sane iteration.
      if (i === 0) return { status: 'diverged', iteration: 1, ...divergence(1, loss) };
      if (!epochAccuracy.settle()) return { status: 'cancelled', iteration: i };
      const last = finish(true, i);
      return last ? { status: 'diverged', iteration: i + 1, ...divergence(i + 1, loss), result: last } : { status: 'cancelled', iteration: i };
    }
    lossCurve.push(loss);
    observer?.onIteration?.(i + 1, loss, () => asTensors(mlp.weights()));

    epochAccuracy.poll();
    if (i % perEpoch === 0 && !epochAccuracy.run(i + 1)) return { status: 'cancelled', iteration: i + 1 };
  }
  if (!epochAccuracy.settle()) return { status: 'cancelled', iteration: options.iterations };
  const done = finish(false, options.iterations);
  return done ? { status: 'done', result: done } : { status: 'cancelled', iteration: options.iterations };
}

/** Trains the document's Parameter nodes on MNIST with SGD or another optimizer; synchronous. */
export function trainGraph(request: TrainRequest): TrainingOutcome {
  const { document, options, backend, data, control, observer } = request;
  const clock = request.clock ?? Date.now;
  validateTrainingOptions(options);
  const plan = request.plan ?? compile(document, { mnistAvailable: true });
  const graph = createTrainingGraph(plan);

  const params = graph.initialParameters(backend);
  const spec = backend.createMlpTrainer ? lowerMlp(plan) : null;
  // The fused kernel runs when it implements every activation the graph's ops declare; else op by op.
  const fusable = spec?.activations.every((a) => a === 'none' || backend.fusedActivations?.includes(a));
  if (spec && fusable && fitsSpec(spec, params)) return trainLowered(request, spec, params, clock);

  const optimizer = createOptimizer(options.optimizer, options.learningRate, backend);
  const batchRandom = createRandom((options.seed ^ BATCH_STREAM) >>> 0);
  const train = data.train;
  const perEpoch = iterationsPerEpoch(train.count, options.batchSize);
  const indices = new Int32Array(options.batchSize);
  const lossCurve: number[] = [];
  const epochs: EpochResult[] = [];
  // The weights of the last iteration whose loss was sane, copied into buffers allocated once.
  const lastGood = new Map([...params].map(([id, t]) => [id, cloneTensor(t)]));

  const stop = control?.shouldStop?.bind(control);
  const evaluate = (weights: ReadonlyMap<string, Tensor>, split: MnistSplitData, withConfusion = false) =>
    evaluateSplitUnlessStopped(graph, backend, weights, split, withConfusion, stop);
  /** The run's result, or undefined when it was cancelled during the final accuracy passes. */
  const finish = (weights: ReadonlyMap<string, Tensor>, iterations: number): TrainingResult | undefined => {
    const seconds = (clock() - started) / 1000;
    const trainEval = evaluate(weights, data.train);
    const testEval = trainEval && evaluate(weights, data.test, true);
    if (!trainEval || !testEval) return undefined;
    return result(request, weights, { iterations, seconds, trainEval, testEval, lossCurve, epochs });
  };

  const started = clock();
  for (let i = 0; i < options.iterations; i++) {
    control?.waitWhilePaused?.(i);
    if (control?.shouldStop?.()) return { status: 'cancelled', iteration: i };

    batchRandom.fillBelow(indices, train.count);
    const batch = backend.gatherBatch(train.images, train.labels, PIXELS, CLASSES, indices);
    const { loss, grads } = graph.lossAndGradients(backend, params, batch);
    if (isDiverged(loss, lossCurve[0])) {
      if (i === 0) return { status: 'diverged', iteration: 1, ...divergence(1, loss) };
      const last = finish(lastGood, i);
      return last ? { status: 'diverged', iteration: i + 1, ...divergence(i + 1, loss), result: last } : { status: 'cancelled', iteration: i };
    }
    lossCurve.push(loss);
    // These weights gave a finite loss: keep them in case the update below ruins them.
    for (const [id, t] of params) lastGood.get(id)!.data.set(t.data);
    for (const [id, param] of params) {
      const grad = grads.get(id);
      if (grad) optimizer.update(id, param, grad);
    }
    observer?.onIteration?.(i + 1, loss, () => params);

    if (i % perEpoch === 0) {
      const trainEval = evaluate(params, data.train);
      const testEval = trainEval && evaluate(params, data.test);
      if (!trainEval || !testEval) return { status: 'cancelled', iteration: i + 1 };
      const epoch: EpochResult = { epoch: epochs.length + 1, iteration: i + 1, trainAccuracy: trainEval.accuracy, testAccuracy: testEval.accuracy };
      epochs.push(epoch);
      observer?.onEpoch?.(epoch);
    }
  }
  const done = finish(params, options.iterations);
  return done ? { status: 'done', result: done } : { status: 'cancelled', iteration: options.iterations };
}
