import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '../../app/api/contract';
import { DEFAULT_TRAINING_OPTIONS, type TrainingEvent, type TrainingResult } from '../../app/train/protocol';
import { createTrainingSession } from './training-session';

const result: TrainingResult = {
  iterations: 600,
  seconds: 0.1,
  trainAccuracy: 0.9,
  testAccuracy: 0.91,
  backend: 'native',
  graphText: '{}',
  lossCurve: [2.3, 0.3],
  epochs: [],
  confusion: [],
};
const analysis = { confusion: [[1]], mistakes: [] };

describe('the training session', () => {
  beforeEach(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0));
    vi.stubGlobal('cancelAnimationFrame', (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle));
  });
  afterEach(() => vi.unstubAllGlobals());

  // A quick run ends, and the learner starts the next one before the first run's test-set analysis
  // has arrived: the analysis belongs to the finished run in the list, not to the run starting.
  it('gives a run analysis that arrives after the next Start to the finished run, and leaves the new run alone', async () => {
    let emit: (event: TrainingEvent) => void = () => {};
    const runIds = ['r1', 'r2'];
    let secondStarted: (value: { runId: string }) => void = () => {};
    const api = {
      onTrainingEvent: (handler: (event: TrainingEvent) => void) => ((emit = handler), () => {}),
      startTraining: () => (runIds.length === 2 ? (runIds.shift(), Promise.resolve({ runId: 'r1' })) : new Promise((resolve) => (secondStarted = resolve))),
    } as unknown as Api;
    const session = createTrainingSession(api);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

    await session.getState().start();
    emit({ type: 'started', runId: 'r1', options: DEFAULT_TRAINING_OPTIONS, backend: 'native' });
    emit({ type: 'done', runId: 'r1', result });
    await settle();
    expect(session.getState().runs.map((r) => r.run.result?.seconds)).toEqual([0.1]);

    void session.getState().start();
    emit({ type: 'analysis', runId: 'r1', analysis });
    await settle();
    const { runs, current } = session.getState();
    expect(runs).toHaveLength(1);
    expect(runs[0].run.result).toBe(result);
    expect(runs[0].run.analysis).toBe(analysis);
    expect(current.runId).toBeNull();
    expect(current.analysis).toBeNull();
    expect(current.state).toBe('running');
    secondStarted({ runId: 'r2' });
  });
});
