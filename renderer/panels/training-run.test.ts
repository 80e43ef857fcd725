import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_OPTIONS, type TrainingEvent, type TrainingResult } from '../../app/train/protocol';
import { idle, reduceRun, type Run } from './training-run';

const result: TrainingResult = {
  iterations: 1200,
  seconds: 4.2,
  trainAccuracy: 0.92,
  testAccuracy: 0.93,
  backend: 'native',
  graphText: '{}',
  lossCurve: [2.3, 0.3],
  epochs: [{ epoch: 1, iteration: 600, trainAccuracy: 0.9, testAccuracy: 0.91 }],
  confusion: [],
};

const play = (events: TrainingEvent[], start: Run = idle) => events.reduce(reduceRun, start);

describe('reduceRun', () => {
  it('follows a run from start through progress, an epoch and a pause to its result', () => {
    const run = play([
      { type: 'started', runId: 'r1', options: { ...DEFAULT_TRAINING_OPTIONS, iterations: 1200 }, backend: 'native' },
      { type: 'progress', runId: 'r1', iteration: 2, iterations: 1200, loss: 2.2, elapsedSeconds: 0.1, etaSeconds: 60, losses: [2.3, 2.2] },
      { type: 'epoch', runId: 'r1', epoch: 1, iteration: 600, trainAccuracy: 0.9, testAccuracy: 0.91 },
      { type: 'paused', runId: 'r1', iteration: 601 },
      { type: 'progress', runId: 'r1', iteration: 603, iterations: 1200, loss: 0.4, elapsedSeconds: 2, etaSeconds: 2, losses: [0.5, 0.4] },
    ]);
    expect(run.state).toBe('paused');
    expect(run.losses).toEqual([2.3, 2.2, 0.5, 0.4]);
    expect(run.epochs.map((e) => e.testAccuracy)).toEqual([0.91]);
    const done = reduceRun(reduceRun(run, { type: 'resumed', runId: 'r1', iteration: 603 }), { type: 'done', runId: 'r1', result });
    expect(done.state).toBe('done');
    expect(done.iteration).toBe(1200);
    expect(done.result?.testAccuracy).toBe(0.93);
  });

  it('takes only its started event before the host has named it (the last run\'s analysis can come after Start)', () => {
    const starting: Run = { ...idle, state: 'running' };
    const lateAnalysis: TrainingEvent = { type: 'analysis', runId: 'r1', analysis: { confusion: [], mistakes: [] } };
    expect(reduceRun(starting, lateAnalysis)).toBe(starting);
    expect(reduceRun(starting, { type: 'done', runId: 'r1', result })).toBe(starting);
    expect(reduceRun(starting, { type: 'started', runId: 'r2', options: DEFAULT_TRAINING_OPTIONS, backend: 'native' }).runId).toBe('r2');
  });

  it('ignores the events of another run and keeps the last good weights of a failed one', () => {
    const started = play([{ type: 'started', runId: 'r2', options: DEFAULT_TRAINING_OPTIONS, backend: 'js' }]);
    expect(reduceRun(started, { type: 'cancelled', runId: 'r1', iteration: 5 })).toBe(started);
    const failed = reduceRun(started, { type: 'failed', runId: 'r2', message: 'training diverged at iteration 30', code: 'training_diverged', params: { iteration: '30', loss: 'NaN' }, result });
    expect(failed.state).toBe('failed');
    // Kept with its code, so the page says it in the user's language.
    expect(failed.message).toEqual({ message: 'training diverged at iteration 30', code: 'training_diverged', params: { iteration: '30', loss: 'NaN' } });
    expect(failed.result).toBe(result);
  });
});
