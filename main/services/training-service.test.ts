import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quantizedLevels } from '../../app/train/layer-snapshot';
import { DEFAULT_TRAINING_OPTIONS, type TrainingEvent, type TrainingOptions } from '../../app/train/protocol';
import { trainedWeights } from '../../app/train/trained-net';
import { createTrainingService, type TrainingService } from './training-service';
import { buildTestWorker } from './training-worker.test-helpers';

let service: TrainingService;
let workerFile: string;
let removeWorker: () => void;

beforeAll(async () => {
  const worker = await buildTestWorker();
  removeWorker = worker.remove;
  workerFile = worker.path;
  service = createTrainingService({ workerPath: worker.path });
});
afterAll(() => removeWorker?.());

const options: TrainingOptions = { ...DEFAULT_TRAINING_OPTIONS, iterations: 700 };

/** Starts a run and collects its events; `react` may act on each (pause, cancel...). */
function startRun(runOptions: TrainingOptions, react: (event: TrainingEvent, runId: string) => void = () => {}) {
  const events: TrainingEvent[] = [];
  let runId = '';
  const ended = new Promise<TrainingEvent>((resolve) => {
    runId = service.start(runOptions, (event) => {
      events.push(event);
      react(event, runId);
      if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') resolve(event);
    });
  });
  return { runId, events, ended: ended.then(async (last) => (await service.whenFinished(runId), last)) };
}

describe('the training service', () => {
  it('trains in a worker and streams started, progress, epoch and done; the worker ends with the run', async () => {
    const startedAt = performance.now();
    const run = startRun(options);
    expect(service.liveWorkers()).toBe(1);
    const last = await run.ended;
    const seconds = (performance.now() - startedAt) / 1000;
    expect(last.type).toBe('done');
    expect(service.liveWorkers()).toBe(0);

    expect(run.events[0]).toMatchObject({ type: 'started', runId: run.runId });
    const progress = run.events.filter((e) => e.type === 'progress');
    const epochs = run.events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.iteration)).toEqual([1, 601]);
    // Every loss arrives once, batched: a bounded number of events still carries the whole curve.
    const streamed = progress.flatMap((e) => e.losses);
    if (last.type !== 'done') return;
    expect(streamed).toEqual(last.result.lossCurve);
    expect(progress.at(-1)).toMatchObject({ iteration: 700, iterations: 700, etaSeconds: 0 });
    // At most ~10 a second, plus the flushes before epochs and at the end.
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + epochs.length + 2);
    expect(last.result.testAccuracy).toBeGreaterThan(0.85);
  }, 180_000);

  it('pauses between iterations, stays put while paused, resumes and finishes', async () => {
    let pausedAt = -1;
    const run = startRun(options, (event, runId) => {
      if (event.type === 'progress' && pausedAt < 0 && event.iteration > 10) {
        pausedAt = 0;
        service.pause(runId);
      }
      if (event.type === 'paused') {
        pausedAt = event.iteration;
        setTimeout(() => service.resume(runId), 300);
      }
    });
    const last = await run.ended;
    expect(last.type).toBe('done');
    const pausedIndex = run.events.findIndex((e) => e.type === 'paused');
    const resumedIndex = run.events.findIndex((e) => e.type === 'resumed');
    expect(pausedIndex).toBeGreaterThan(0);
    expect(run.events[resumedIndex]).toMatchObject({ type: 'resumed', iteration: pausedAt });
    // Nothing trained between the two.
    expect(run.events.slice(pausedIndex + 1, resumedIndex)).toEqual([]);
    if (last.type === 'done') expect(last.result.lossCurve).toHaveLength(700);
  }, 180_000);

  it('cancels a paused run at the iteration where it waits', async () => {
    let pausedAt = -1;
    const run = startRun(options, (event, runId) => {
      if (event.type === 'progress' && event.iteration > 10 && pausedAt === -1) {
        pausedAt = 0;
        service.pause(runId);
      }
      if (event.type === 'paused') {
        pausedAt = event.iteration;
        service.cancel(runId);
      }
    });
    const last = await run.ended;
    expect(last).toEqual({ type: 'cancelled', runId: run.runId, iteration: pausedAt });
  });

  it('cancelling 20 runs in a row leaves no worker thread and no memory behind', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cancelOnStart = (event: TrainingEvent, runId: string) => {
      if (event.type === 'started') service.cancel(runId);
    };
    // Two runs first, so one-time costs (the addon, module caches) are not counted as growth.
    for (let i = 0; i < 2; i++) await startRun(options, cancelOnStart).ended;
    gc();
    const before = process.memoryUsage();
    for (let i = 0; i < 20; i++) {
      const last = await startRun(options, cancelOnStart).ended;
      expect(last.type).toBe('cancelled');
    }
    expect(service.liveWorkers()).toBe(0);
    gc();
    const after = process.memoryUsage();
    // Each worker reads 55 MB of MNIST: a leaked worker or data set would show many times over.
    expect(after.rss - before.rss).toBeLessThan(100 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(20 * 1024 * 1024);
  }, 120_000);

  it('reports a bad graph as a failed run with the parser sentence', async () => {
    const last = await startRun({ ...options, graphText: '{"format": "nope"}' }).ended;
    expect(last.type).toBe('failed');
    if (last.type === 'failed') expect(last.message).toMatch(/^the graph to train is not valid: /);
  });

  it("for the app: live first-layer snapshots as signed bytes, the result's weights once, then the test-set analysis after done", async () => {
    const app = createTrainingService({ workerPath: workerFile, insights: true });
    const events: TrainingEvent[] = [];
    await new Promise<void>((resolve) => {
      app.start({ ...options, iterations: 1200 }, (event) => {
        events.push(event);
        if (event.type === 'analysis' || event.type === 'failed' || event.type === 'cancelled') resolve();
      });
    });
    const types = events.map((e) => e.type);
    expect(types.slice(-2)).toEqual(['done', 'analysis']);
    const snapshots = events.filter((e) => e.type === 'weights');
    expect(snapshots.length).toBeGreaterThan(0);
    for (const s of snapshots) {
      const levels = quantizedLevels(s.inputWeights);
      expect([s.inputWeights.rows, s.inputWeights.cols, levels.length]).toEqual([784, 50, 784 * 50]);
      expect(Math.max(...Array.from(levels, Math.abs))).toBe(127);
    }
    const done = events.at(-2)!;
    const analysis = events.at(-1)!;
    if (done.type !== 'done' || analysis.type !== 'analysis') return;
    // The trained weights travel once, in the graph's text (issue 9).
    expect(Object.keys(done.result)).not.toContain('weights');
    expect(Object.keys(trainedWeights(done.result)).sort()).toEqual(['W1', 'W2', 'b1', 'b2']);
    // The analysis's own predictions: its confusion counts the whole test set, and its mistakes are the off-diagonal cells.
    const { confusion, mistakes } = analysis.analysis;
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(mistakes.length).toBe(confusion.flatMap((row, r) => row.filter((_, c) => c !== r)).reduce((a, b) => a + b, 0));
    expect(1 - mistakes.length / 10_000).toBeCloseTo(done.result.testAccuracy, 2);
  }, 180_000);

  it('refuses bad options and unknown runs with sentences', () => {
    expect(() => service.start({ ...options, iterations: 0 }, () => {})).toThrow('the number of iterations must be a whole number from 1 to 1000000, got 0');
    expect(() => service.pause('run-x')).toThrow("no training run 'run-x' is in progress");
  });
});
