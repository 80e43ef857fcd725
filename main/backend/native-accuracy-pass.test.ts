import { describe, expect, it } from 'vitest';
import type { Backend } from '../../app/tensor/backend';
import type { MlpTrainer } from '../../app/tensor/mlp-kernel';
import { countCorrectInChunks, FUSED_ACCURACY_ROWS } from '../../app/train/fused-accuracy';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../../app/train/protocol';
import { syntheticMnist } from '../../app/train/synthetic-mnist.test-helpers';
import { trainGraph } from '../../app/train/trainer';
import { buildTwoLayerNet } from '../../app/train/two-layer-net';
import type { SimdLevel } from './native-addon';
import { createNativeBackend } from './native-backend';
import { loadNativeAddon, nativeBackendAvailable } from './native-loader';

/**
 * The native backend whose fused kernels report each accuracy call's rows to `onEvaluate` and count
 * in line, in the calling thread (as a kernel without a thread of its own does every epoch).
 */
function watchedBackend(onEvaluate: (start: number, count: number) => void): Backend {
  const native = createNativeBackend();
  return {
    ...native,
    createMlpTrainer(options) {
      const mlp = native.createMlpTrainer!(options);
      const evaluate: MlpTrainer['evaluate'] = (split, start, count, confusion) => {
        onEvaluate(start, count);
        return mlp.evaluate(split, start, count, confusion);
      };
      return { ...mlp, evaluate, countInBackground: undefined };
    },
  };
}

/** The native backend; `onCount` hears of each count started on the kernel's thread and of its cancel. */
function countingBackend(onCount: (event: 'start' | 'cancel') => void): Backend {
  const native = createNativeBackend();
  return {
    ...native,
    createMlpTrainer(options) {
      const mlp = native.createMlpTrainer!(options);
      const countInBackground: MlpTrainer['countInBackground'] = (splits) => {
        onCount('start');
        const count = mlp.countInBackground!(splits);
        return { result: count.result, cancel: () => (onCount('cancel'), count.cancel()) };
      };
      return { ...mlp, countInBackground };
    },
  };
}

describe.runIf(nativeBackendAvailable())('the native accuracy pass in chunks', () => {
  it('counts and confuses the same in one call, in chunks and in ragged chunks, at every SIMD level', () => {
    const native = loadNativeAddon();
    const data = syntheticMnist(3000, 10);
    const original = native.simdLevel();
    try {
      for (const level of ['scalar', 'avx2', 'avx512'] as SimdLevel[]) {
        if (native.setSimdLevel(level) !== level) continue;
        const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 20, batchSize: 50, hiddenSize: 30, seed: 9 };
        let mlp: MlpTrainer | undefined;
        const backend = createNativeBackend();
        const keeping: Backend = { ...backend, createMlpTrainer: (o) => (mlp = backend.createMlpTrainer!(o)) };
        expect(trainGraph({ document: buildTwoLayerNet(options), options, backend: keeping, data }).status).toBe('done');
        const whole = new Int32Array(100);
        const correct = mlp!.evaluate(data.train, 0, data.train.count, whole);
        expect(correct, level).toBeGreaterThan(0.5 * data.train.count);
        expect(correct, level).toBeLessThan(data.train.count);
        for (const rows of [1000, 7, 2999]) {
          const chunked = new Int32Array(100);
          expect(countCorrectInChunks(mlp!, data.train, undefined, chunked, rows), `${level} by ${rows}`).toBe(correct);
          expect(chunked, `${level} by ${rows}`).toEqual(whole);
        }
      }
    } finally {
      native.setSimdLevel(original);
    }
  });

  it('sees a cancel that comes during the first accuracy pass of a big-hidden run after one chunk of rows', () => {
    // 20,000 training images are four chunks; 2,000 hidden units make each chunk slow enough to
    // cancel in. The cancel arrives once the pass has begun (as the worker's flag would).
    const data = syntheticMnist(4 * FUSED_ACCURACY_ROWS, 200);
    const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 50, hiddenSize: 2000, seed: 4 };
    const calls: [number, number][] = [];
    let cancelled = false;
    const backend = watchedBackend((start, count) => {
      calls.push([start, count]);
      cancelled = true;
    });
    const asked: boolean[] = [];
    const control = { shouldStop: () => (asked.push(cancelled), cancelled) };
    const outcome = trainGraph({ document: buildTwoLayerNet(options), options, backend, data, control });
    expect(outcome).toEqual({ status: 'cancelled', iteration: 1 });
    // One chunk of the 20,000-image pass ran, then the cancel was seen: the rest of the pass did not.
    expect(calls).toEqual([[0, FUSED_ACCURACY_ROWS]]);
    expect(asked).toEqual([false, true]);
  });

  it('sees a cancel during the final accuracy passes too', () => {
    const data = syntheticMnist(2 * FUSED_ACCURACY_ROWS, 200);
    const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 2, batchSize: 10, hiddenSize: 50, seed: 4 };
    const calls: number[] = [];
    // The epoch pass after iteration 1 runs both splits (3 calls); the final pass starts at the 4th.
    const backend = watchedBackend((start) => calls.push(start));
    const outcome = trainGraph({
      document: buildTwoLayerNet(options),
      options,
      backend,
      data,
      control: { shouldStop: () => calls.length >= 4 },
    });
    expect(outcome).toEqual({ status: 'cancelled', iteration: 2 });
    expect(calls).toEqual([0, FUSED_ACCURACY_ROWS, 0, 0]);
  });

  it('reports the same epochs and result whether the kernel counts them on a thread of its own or in line', () => {
    const data = syntheticMnist(3000, 500);
    const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 200, batchSize: 50, hiddenSize: 40, seed: 3 };
    const document = buildTwoLayerNet(options);
    const started: string[] = [];
    const epochs = { inLine: [] as number[], background: [] as number[] };
    const inLine = trainGraph({ document, options, backend: watchedBackend(() => undefined), data, observer: { onEpoch: (e) => epochs.inLine.push(e.iteration) } });
    const background = trainGraph({ document, options, backend: countingBackend((e) => started.push(e)), data, observer: { onEpoch: (e) => epochs.background.push(e.iteration) } });
    // 3,000 images in batches of 50: an epoch is 60 iterations, so 4 epochs (after iterations 1, 61, 121, 181).
    expect(started).toEqual(['start', 'start', 'start', 'start']);
    expect(epochs.background).toEqual([1, 61, 121, 181]);
    expect(epochs.inLine).toEqual(epochs.background);
    if (inLine.status !== 'done' || background.status !== 'done') throw new Error('both runs should finish');
    expect({ ...background.result, seconds: 0 }).toEqual({ ...inLine.result, seconds: 0 });
  });

  it('cancels the count on the kernel thread when the run is stopped while it runs', () => {
    // A wide hidden layer makes the first epoch's count of 20,000 images outlast the next iteration.
    const data = syntheticMnist(4 * FUSED_ACCURACY_ROWS, 200);
    const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 50, hiddenSize: 2000, seed: 4 };
    const events: string[] = [];
    const outcome = trainGraph({
      document: buildTwoLayerNet(options),
      options,
      backend: countingBackend((e) => events.push(e)),
      data,
      control: { shouldStop: () => events.includes('start') },
    });
    expect(outcome).toEqual({ status: 'cancelled', iteration: 1 });
    expect(events).toEqual(['start', 'cancel']);
  });
});
