import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestWorker, bundleForTest } from './training-worker.test-helpers';

// A host process of its own (a crash must not take the test runner with it): the training service
// starts a native run, cancels it at its first progress event and waits for the worker to exit, 20
// times, while a busy sibling worker keeps a core loaded.
const HOST = `
import { Worker } from 'node:worker_threads';
import { createTrainingService } from './main/services/training-service';
import { DEFAULT_TRAINING_OPTIONS } from './app/train/protocol';

const service = createTrainingService({ workerPath: process.env.WORKER_PATH });
const busy = new Worker('for (;;) {}', { eval: true });
for (let i = 0; i < Number(process.env.CYCLES); i++) {
  let runId = '';
  const last = await new Promise((resolve) => {
    runId = service.start({ ...DEFAULT_TRAINING_OPTIONS, backend: 'native' }, (event) => {
      if (event.type === 'progress') service.cancel(runId);
      if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') resolve(event);
    });
  });
  await service.whenFinished(runId);
  process.stdout.write(last.type + ' ');
}
// The crash came about 30 ms after a run's 'cancelled': give a late one time to show.
await new Promise((resolve) => setTimeout(resolve, 300));
await busy.terminate();
process.stdout.write('survived');
`;

let worker: { path: string; remove: () => void } | undefined;
let host: { path: string; remove: () => void } | undefined;

beforeAll(async () => {
  worker = await buildTestWorker();
  host = await bundleForTest({ stdin: HOST }, 'cancel-cycles-host', '.mjs');
});
afterAll(() => {
  worker?.remove();
  host?.remove();
});

describe('cancelling native training runs', () => {
  it('the host survives 20 start/cancel cycles under CPU load', () => {
    const cycles = 20;
    const result = spawnSync(process.execPath, [host!.path], {
      env: { ...process.env, CYCLES: String(cycles), WORKER_PATH: worker!.path },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect({ signal: result.signal, status: result.status, stderr: result.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(result.stdout).toBe(`${'cancelled '.repeat(cycles)}survived`);
  }, 180_000);
});
