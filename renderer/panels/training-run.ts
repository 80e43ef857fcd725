import type { Message } from '../../app/i18n/messages';
import type { EpochResult, LayerSnapshot, TrainingEvent, TrainingOptions, TrainingResult } from '../../app/train/protocol';
import type { TestAnalysis } from '../../app/train/test-analysis';

/** What the training workspace shows of one run, built from the run's events. */
export type RunState = 'idle' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

export interface Run {
  runId: string | null;
  state: RunState;
  iteration: number;
  iterations: number;
  /** Seconds of training, pauses excluded (the worker's clock stops while paused). */
  elapsed: number;
  eta: number;
  losses: number[];
  epochs: EpochResult[];
  result: TrainingResult | null;
  message: Message | null;
  backend: string | null;
  options: TrainingOptions | null;
  /** The latest first-layer weights, live during the run. */
  snapshot: LayerSnapshot | null;
  analysis: TestAnalysis | null;
}

export const idle: Run = {
  runId: null,
  state: 'idle',
  iteration: 0,
  iterations: 0,
  elapsed: 0,
  eta: 0,
  losses: [],
  epochs: [],
  result: null,
  message: null,
  backend: null,
  options: null,
  snapshot: null,
  analysis: null,
};

/**
 * Applies one event to the run it belongs to (events of other runs are ignored). A run the host has
 * not named yet takes only its 'started' event: the last run's test-set analysis can still arrive
 * after the next run's Start.
 */
export function reduceRun(run: Run, event: TrainingEvent): Run {
  if (run.runId === null ? event.type !== 'started' : event.runId !== run.runId) return run;
  switch (event.type) {
    case 'started':
      return { ...run, runId: event.runId, state: 'running', iterations: event.options.iterations, backend: event.backend, options: event.options };
    case 'progress':
      return { ...run, state: run.state === 'paused' ? 'paused' : 'running', iteration: event.iteration, iterations: event.iterations, elapsed: event.elapsedSeconds, eta: event.etaSeconds, losses: run.losses.concat(event.losses) };
    case 'epoch':
      return { ...run, epochs: [...run.epochs, event] };
    case 'weights': {
      const { type: _type, runId: _runId, ...snapshot } = event;
      return { ...run, snapshot };
    }
    case 'analysis':
      return { ...run, analysis: event.analysis };
    case 'paused':
      return { ...run, state: 'paused', iteration: event.iteration };
    case 'resumed':
      return { ...run, state: 'running', iteration: event.iteration };
    case 'done':
      return { ...run, state: 'done', result: event.result, iteration: event.result.iterations, elapsed: event.result.seconds, eta: 0, epochs: event.result.epochs.length > 0 ? [...event.result.epochs] : run.epochs };
    case 'cancelled':
      return { ...run, state: 'cancelled', iteration: event.iteration, eta: 0 };
    case 'failed':
      return { ...run, state: 'failed', message: { message: event.message, code: event.code, params: event.params }, result: event.result ?? null, eta: 0 };
  }
}
