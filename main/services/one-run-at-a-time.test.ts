import { describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../app/train/protocol';
import type { TrainingRunner } from './api-service';
import { oneRunAtATime, SECOND_RUN_MESSAGE } from './one-run-at-a-time';

/** A runner whose runs end when the test says so. */
function scriptedRunner() {
  const emitters = new Map<string, (event: TrainingEvent) => void>();
  let next = 1;
  const runner: TrainingRunner = {
    async start(_options, onEvent) {
      const runId = `run-${next++}`;
      emitters.set(runId, onEvent);
      return runId;
    },
    pause: () => undefined,
    resume: () => undefined,
    cancel: (runId) => emitters.get(runId)?.({ type: 'cancelled', runId, iteration: 3 }),
  };
  return { runner, emitters };
}

const options = {} as never;

describe('oneRunAtATime', () => {
  it('refuses a second Start while a run goes, also when both come at once, and allows one after it ends', async () => {
    const { runner, emitters } = scriptedRunner();
    const guarded = oneRunAtATime(runner);
    const seen: string[] = [];
    const [first, second] = await Promise.allSettled([guarded.start(options, (e) => seen.push(e.type)), guarded.start(options, () => undefined)]);
    expect(first).toEqual({ status: 'fulfilled', value: 'run-1' });
    expect(second).toMatchObject({ status: 'rejected', reason: new Error(SECOND_RUN_MESSAGE) });
    await expect(guarded.start(options, () => undefined)).rejects.toThrow(SECOND_RUN_MESSAGE);

    await guarded.cancel('run-1');
    expect(seen).toEqual(['cancelled']);
    expect(await guarded.start(options, () => undefined)).toBe('run-2');
    emitters.get('run-2')!({ type: 'failed', runId: 'run-2', message: 'diverged' });
    expect(await guarded.start(options, () => undefined)).toBe('run-3');
  });

  it('frees the slot when Start itself fails', async () => {
    let fail = true;
    const guarded = oneRunAtATime({
      async start() {
        if (fail) throw new Error('no MNIST');
        return 'run-9';
      },
      pause: () => undefined,
      resume: () => undefined,
      cancel: () => undefined,
    });
    await expect(guarded.start(options, () => undefined)).rejects.toThrow('no MNIST');
    fail = false;
    expect(await guarded.start(options, () => undefined)).toBe('run-9');
  });
});
