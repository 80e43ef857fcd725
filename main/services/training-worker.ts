import { parentPort, workerData } from 'node:worker_threads';
import { trainingPlan } from '../../app/train/training-document';
import { trainGraph } from '../../app/train/trainer';
import { layerSnapshot } from '../../app/train/layer-snapshot';
import { lowerMlp } from '../../app/train/mlp-lowering';
import { analyzeTestSet } from '../../app/train/test-analysis';
import { trainedMlp } from '../../app/train/trained-net';
import { messageOf } from '../../app/i18n/messages';
import type { TrainingEvent } from '../../app/train/protocol';
import { createTrainingBackend } from './training-backend';
import { CONTROL_CANCEL, CONTROL_PAUSE, PROGRESS_INTERVAL_MS, WEIGHTS_INTERVAL_MS, type TrainingWorkerData } from './training-control';
import { loadMnist } from './mnist';

/** One training run in a worker thread; it posts TrainingEvents and ends when the run ends. */
function run(): void {
  const { runId, options, control, insights } = workerData as TrainingWorkerData;
  const post = (event: TrainingEvent): void => parentPort!.postMessage(event);
  // The run's clock stops while it is paused: elapsed time, the ETA and the result's seconds count training only.
  let pausedMs = 0;
  const clock = () => performance.now() - pausedMs;
  const started = clock();
  const elapsed = () => (clock() - started) / 1000;
  try {
    const { backend, name } = createTrainingBackend(options.backend);
    const plan = trainingPlan(options);
    post({ type: 'started', runId, options, backend: name });
    const data = loadMnist();
    const spec = insights ? lowerMlp(plan) : null;
    // The first iteration's weights go at once (the tiles show where the run starts, however short it is), then at most every WEIGHTS_INTERVAL_MS.
    let lastWeights = -Infinity;

    const pending: number[] = [];
    let lastEmit = -Infinity;
    let lastIteration = 0;
    const emitProgress = (iteration: number): void => {
      if (pending.length === 0) return;
      const seconds = elapsed();
      const eta = (seconds / iteration) * (options.iterations - iteration);
      post({ type: 'progress', runId, iteration, iterations: options.iterations, loss: pending[pending.length - 1], elapsedSeconds: seconds, etaSeconds: eta, losses: pending });
      // Emptied, not replaced (postMessage has copied it): a new [] starts as an array of small
      // integers, and the first loss pushed into it threw the training loop's optimized code away
      // (a 17 ms recompile on another thread, which took a core from the steps).
      pending.length = 0;
      lastEmit = performance.now();
    };

    const outcome = trainGraph({
      document: plan.document,
      plan,
      options: { ...options, backend: name },
      backend,
      data,
      clock,
      control: {
        shouldStop: () => Atomics.load(control, 0) === CONTROL_CANCEL,
        waitWhilePaused(iteration) {
          if (Atomics.load(control, 0) !== CONTROL_PAUSE) return;
          emitProgress(lastIteration);
          post({ type: 'paused', runId, iteration });
          const pausedAt = performance.now();
          while (Atomics.load(control, 0) === CONTROL_PAUSE) Atomics.wait(control, 0, CONTROL_PAUSE);
          pausedMs += performance.now() - pausedAt;
          if (Atomics.load(control, 0) !== CONTROL_CANCEL) post({ type: 'resumed', runId, iteration });
        },
      },
      observer: {
        onIteration(iteration, loss, weights) {
          pending.push(loss);
          lastIteration = iteration;
          const now = performance.now();
          if (now - lastEmit >= PROGRESS_INTERVAL_MS) emitProgress(iteration);
          if (spec && weights && now - lastWeights >= WEIGHTS_INTERVAL_MS) {
            lastWeights = now;
            const snapshot = layerSnapshot(spec, weights(), iteration);
            if (snapshot) post({ type: 'weights', runId, ...snapshot });
          }
        },
        onEpoch(epoch) {
          emitProgress(lastIteration);
          post({ type: 'epoch', runId, ...epoch });
        },
      },
    });
    emitProgress(lastIteration);
    if (outcome.status === 'done') {
      // The result first: the learner sees the run end now; the gallery of mistakes follows a moment later.
      post({ type: 'done', runId, result: outcome.result });
      const net = insights ? trainedMlp(outcome.result) : null;
      if (net) post({ type: 'analysis', runId, analysis: analyzeTestSet(net, data.test) });
    }
    else if (outcome.status === 'cancelled') post({ type: 'cancelled', runId, iteration: outcome.iteration });
    else post({ type: 'failed', runId, message: outcome.message, code: outcome.code, params: outcome.params, result: outcome.result });
  } catch (error) {
    post({ type: 'failed', runId, ...messageOf(error) });
  }
}

run();
