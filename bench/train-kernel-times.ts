import { compile } from '../app/graph/compile';
// Time spent in each Backend kernel during real training iterations (no accuracy passes): wraps the
// backend to time every call, so it shows what the training loop pays per kernel, allocation included.
// Build and run: npx esbuild bench/train-kernel-times.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench/train-kernel-times.js && node dist/bench/train-kernel-times.js native 2000
import type { Backend } from '../app/tensor/backend';
import { formatShape } from '../app/tensor/format-shape';
import { buildTwoLayerNet } from '../app/train/two-layer-net';
import { createTrainingGraph } from '../app/train/training-graph';
import { createOptimizer } from '../app/train/optimizers';
import { DEFAULT_TRAINING_OPTIONS, type BackendName } from '../app/train/protocol';
import { createTrainingBackend } from '../main/services/training-backend';
import { loadMnist } from '../main/services/mnist';

const { backend: inner, name } = createTrainingBackend((process.argv[2] ?? 'native') as BackendName);
const iterations = Number(process.argv[3] ?? 2000);
const totals = new Map<string, { ms: number; calls: number }>();
const backend = new Proxy(inner, {
  get(target, key, receiver) {
    const value = Reflect.get(target, key, receiver);
    if (typeof value !== 'function') return value;
    return (...args: unknown[]) => {
      const label = key === 'matmul' ? `matmul ${(args as { shape: number[] }[]).slice(0, 2).map((t) => formatShape(t.shape)).join(' · ')} ${args[2] ? 'Aᵀ' : ''}${args[3] ? 'Bᵀ' : ''}` : String(key);
      const t0 = performance.now();
      const out = (value as (...a: unknown[]) => unknown).apply(target, args);
      const entry = totals.get(label) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - t0;
      entry.calls++;
      totals.set(label, entry);
      return out;
    };
  },
}) as Backend;

const data = loadMnist();
const graph = createTrainingGraph(compile(buildTwoLayerNet(DEFAULT_TRAINING_OPTIONS)));
const params = graph.initialParameters(backend);
const optimizer = createOptimizer('sgd', 0.1, backend);
const indices = new Int32Array(100);
let seed = 1;
const started = performance.now();
for (let i = 0; i < iterations; i++) {
  for (let b = 0; b < 100; b++) indices[b] = (seed = (seed * 1103515245 + 12345) >>> 0) % 60000;
  const batch = backend.gatherBatch(data.train.images, data.train.labels, 784, 10, indices);
  const { grads } = graph.lossAndGradients(backend, params, batch);
  for (const [id, p] of params) optimizer.update(id, p, grads.get(id)!);
}
const totalMs = performance.now() - started;
let kernelMs = 0;
console.log(`${name}: ${iterations} iterations, ${((totalMs / iterations) * 1000).toFixed(0)} µs each`);
for (const [label, { ms, calls }] of [...totals].sort((a, b) => b[1].ms - a[1].ms)) {
  kernelMs += ms;
  console.log(`${label.padEnd(40)} ${((ms / iterations) * 1000).toFixed(1).padStart(8)} µs/iter  (${(calls / iterations).toFixed(0)} calls)`);
}
console.log(`${'outside kernels'.padEnd(40)} ${(((totalMs - kernelMs) / iterations) * 1000).toFixed(1).padStart(8)} µs/iter`);
