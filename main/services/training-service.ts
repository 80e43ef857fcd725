import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CodedError, messageOf } from '../../app/i18n/messages';
import type { TrainingEvent, TrainingOptions } from '../../app/train/protocol';
import { validateTrainingOptions } from '../../app/train/trainer';
import { distDir } from '../paths';
import { CONTROL_CANCEL, CONTROL_PAUSE, CONTROL_RUN, createControlFlag, setControl, type TrainingWorkerData } from './training-control';

/** How long a finished run's worker may take to exit by itself before it is terminated. */
const WORKER_EXIT_GRACE_MS = 10_000;

export interface TrainingService {
  /** Starts a run in its own worker thread; events arrive on `onEvent` until done, cancelled or failed. */
  start(options: TrainingOptions, onEvent: (event: TrainingEvent) => void): string;
  pause(runId: string): void;
  resume(runId: string): void;
  /** Takes effect within one batch, paused or not. */
  cancel(runId: string): void;
  /** Worker threads alive now (each ends with its run). */
  liveWorkers(): number;
  /** Resolves once the run's worker has exited (at once for an unknown or finished run). */
  whenFinished(runId: string): Promise<void>;
}

export interface TrainingServiceOptions {
  /** The bundled worker; by default dist/main/services/training-worker.js. */
  readonly workerPath?: string;
  /** Send what the app's training workspace shows besides progress: live first-layer weights and the test-set analysis. */
  readonly insights?: boolean;
}

interface Run {
  readonly worker: Worker;
  readonly control: Int32Array;
  readonly exited: Promise<void>;
}

/** dist/main/services/training-worker.js, or BPSTUDIO_TRAINING_WORKER (tests point it at a fresh bundle). */
export function defaultTrainingWorkerPath(): string {
  return process.env.BPSTUDIO_TRAINING_WORKER ?? join(distDir(), 'main', 'services', 'training-worker.js');
}

export function createTrainingService(serviceOptions: TrainingServiceOptions = {}): TrainingService {
  const runs = new Map<string, Run>();
  let counter = 0;

  const runFor = (runId: string): Run => {
    const run = runs.get(runId);
    if (!run) throw new Error(`no training run '${runId}' is in progress`);
    return run;
  };

  return {
    start(options, onEvent) {
      validateTrainingOptions(options);
      const workerPath = serviceOptions.workerPath ?? defaultTrainingWorkerPath();
      if (!existsSync(workerPath)) {
        throw new Error(`the training worker ${workerPath} is missing; build it with: node scripts/build.mjs --node-only`);
      }
      const runId = `run-${process.pid}-${++counter}-${Date.now().toString(36)}`;
      const control = createControlFlag();
      const workerData: TrainingWorkerData = { runId, options, control, insights: serviceOptions.insights ?? false };
      const worker = new Worker(workerPath, { workerData });
      let ended: TrainingEvent['type'] | null = null;
      const deliver = (event: TrainingEvent): void => {
        // After the run's end only its test-set analysis follows (sent after 'done', so the end shows without waiting for it).
        if (ended && !(ended === 'done' && event.type === 'analysis')) return;
        if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') {
          ended = event.type;
          // The run is over and the worker returns by itself; only one that fails to exit is stopped.
          setTimeout(() => void worker.terminate(), WORKER_EXIT_GRACE_MS).unref();
        }
        onEvent(event);
      };
      worker.on('message', (event: TrainingEvent) => deliver(event));
      worker.on('error', (error) => deliver({ type: 'failed', runId, message: `the training worker failed: ${error.message}` }));
      const exited = new Promise<void>((resolve) => {
        worker.once('exit', (code) => {
          runs.delete(runId);
          deliver({ type: 'failed', runId, ...messageOf(new CodedError('training_worker_stopped', { code: String(code) })) });
          resolve();
        });
      });
      runs.set(runId, { worker, control, exited });
      return runId;
    },
    pause(runId) {
      const { control } = runFor(runId);
      if (Atomics.load(control, 0) === CONTROL_RUN) setControl(control, CONTROL_PAUSE);
    },
    resume(runId) {
      const { control } = runFor(runId);
      if (Atomics.load(control, 0) === CONTROL_PAUSE) setControl(control, CONTROL_RUN);
    },
    cancel(runId) {
      setControl(runFor(runId).control, CONTROL_CANCEL);
    },
    liveWorkers: () => runs.size,
    whenFinished: (runId) => runs.get(runId)?.exited ?? Promise.resolve(),
  };
}
