import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { nativeAddonPath } from './native-loader';

// A worker that loads the addon, runs MLP steps big enough to use the thread pool and a count beside
// them (on the pool's worker), and exits. Node unloads an addon with the last environment that loaded it, so
// the pool's threads and the count's must be gone by then. Each worker has the addon to itself: the process's main thread never loads it.
const ADDON_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const addon = require(workerData.addonPath);
const count = 1000, pixels = 784;
const images = new Uint8Array(count * pixels).map((_, i) => (i * 2654435761) % 251 < 60 ? i % 256 : 0);
const labels = new Uint8Array(count).map((_, i) => i % 10);
const set = addon.imageSetCreate(images, labels, pixels);
const sizes = Int32Array.from([784, 50, 10]);
const params = new Float32Array(784 * 50 + 50 + 50 * 10 + 10).map((_, i) => ((i % 13) - 6) * 0.001);
const mlp = addon.mlpCreate(sizes, Int32Array.from([1, 0]), 'sgd', 0.1, 100, params, new Float32Array(2));
const indices = Int32Array.from({ length: 100 }, (_, i) => (i * 17) % count);
addon.mlpEvaluate(mlp, set, 0, count);
parentPort.postMessage(addon.threadCount());
// Steps of 100 rows run beside an accuracy count on the pool's worker; the
// worker ends right after the last step with a count still running, as a cancelled run does.
addon.mlpCountStart(mlp, set);
for (let i = 0; i < 20; i++) addon.mlpStep(mlp, set, indices, Infinity);
addon.mlpCountResult(mlp, Infinity);
addon.mlpCountStart(mlp, set, set, set, set, set, set, set, set);
`;

// The host: a busy sibling worker keeps a core loaded (the pool's threads get preempted mid-spin,
// which is when an unloaded addon crashes them), while 20 addon workers start, work and exit.
const HOST = `
const { Worker } = require('node:worker_threads');
const { readdirSync } = require('node:fs');
const busy = new Worker('for (;;) {}', { eval: true });
const cycles = Number(process.env.CYCLES);
const LINUX = process.platform === 'linux';
const liveThreads = new Set();
(async () => {
  for (let i = 0; i < cycles; i++) {
    const worker = new Worker(process.env.ADDON_WORKER, { eval: true, workerData: { addonPath: process.env.ADDON_PATH } });
    let threads = 'none';
    worker.once('message', (count) => (threads = count));
    const exitCode = await new Promise((resolve) => worker.once('exit', resolve));
    if (exitCode !== 0) process.stdout.write('exit ' + exitCode + ' ');
    process.stdout.write(threads + ' ');
    if (LINUX) liveThreads.add(readdirSync('/proc/self/task').length);
  }
  // The pool's threads end with the worker that started them: the process's count stays put.
  if (liveThreads.size > 1) process.stdout.write('threads left behind: ' + [...liveThreads].join(' ') + ' ');
  // The crash came tens of milliseconds after a worker's exit: give a late one time to show.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await busy.terminate();
  process.stdout.write('survived');
})();
`;

describe('the addon in worker threads', () => {
  it('survives 20 workers that run pooled kernels and a count beside them and exit, under CPU load', () => {
    const cycles = 20;
    const result = spawnSync(process.execPath, ['-e', HOST], {
      env: { ...process.env, CYCLES: String(cycles), ADDON_WORKER, ADDON_PATH: nativeAddonPath(), BPSTUDIO_THREADS: '4' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ signal: result.signal, status: result.status, stderr: result.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
    expect(result.stdout).toBe(`${'4 '.repeat(cycles)}survived`);
  }, 150_000);
});
