import { compile } from '../app/graph/compile';
// Where a training run's time goes: iterations versus accuracy passes, on a chosen backend.
// Build and run: npx esbuild bench/train-profile.ts --bundle --platform=node --format=esm --packages=external --outfile=dist/bench/train-profile.js && node dist/bench/train-profile.js native 600
import { buildTwoLayerNet } from '../app/train/two-layer-net';
import { createTrainingGraph } from '../app/train/training-graph';
import { evaluateSplit } from '../app/train/evaluate';
import { createOptimizer } from '../app/train/optimizers';
import { DEFAULT_TRAINING_OPTIONS, type BackendName } from '../app/train/protocol';
import { createTrainingBackend } from '../main/services/training-backend';
import { loadMnist } from '../main/services/mnist';

const backendName = (process.argv[2] ?? 'native') as BackendName;
const iterations = Number(process.argv[3] ?? 600);
const { backend, name } = createTrainingBackend(backendName);
const data = loadMnist();
const graph = createTrainingGraph(compile(buildTwoLayerNet(DEFAULT_TRAINING_OPTIONS)));
const params = graph.initialParameters(backend);
const optimizer = createOptimizer('sgd', 0.1, backend);
const indices = new Int32Array(100);

let t = performance.now();
let gatherMs = 0;
let stepMs = 0;
for (let i = 0; i < iterations; i++) {
  for (let b = 0; b < 100; b++) indices[b] = (i * 7919 + b * 104729) % 60000;
  const t0 = performance.now();
  const batch = backend.gatherBatch(data.train.images, data.train.labels, 784, 10, indices);
  const t1 = performance.now();
  const { grads } = graph.lossAndGradients(backend, params, batch);
  for (const [id, p] of params) optimizer.update(id, p, grads.get(id)!);
  stepMs += performance.now() - t1;
  gatherMs += t1 - t0;
}
const iterMs = performance.now() - t;
t = performance.now();
const train = evaluateSplit(graph, backend, params, data.train);
const trainMs = performance.now() - t;
t = performance.now();
const test = evaluateSplit(graph, backend, params, data.test);
const testMs = performance.now() - t;
console.log(
  `${name}: ${iterations} iterations ${iterMs.toFixed(0)} ms (${(iterMs / iterations).toFixed(3)} ms each: gather ${(gatherMs / iterations).toFixed(3)}, step ${(stepMs / iterations).toFixed(3)}); ` +
    `train pass ${trainMs.toFixed(0)} ms, test pass ${testMs.toFixed(0)} ms; acc ${train.accuracy} ${test.accuracy}`,
);

for (const chunk of [500, 1000, 2000, 5000, 10000]) {
  const t0 = performance.now();
  for (let r = 0; r < 3; r++) evaluateSplit(graph, backend, params, data.train, false, chunk);
  console.log(`train pass with chunks of ${chunk}: ${((performance.now() - t0) / 3).toFixed(0)} ms`);
}
