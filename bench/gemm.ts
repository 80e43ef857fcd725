/**
 * The native matrix product at the shapes training uses, on real MNIST rows (81% zeros: the
 * zero-skipping path) and on dense random data, beside the machine's measured peak (a dense
 * 1024³ product with the best kernel) and the JS backend on the same shapes.
 * When python3 with NumPy is present, NumPy's (OpenBLAS) float32 1024³ product is measured in the
 * same run as the reference peak.
 * Run: node bench/gemm.mjs [--quick] [--json]
 */
import { spawnSync } from 'node:child_process';
import { createJsBackend } from '../app/tensor/js-backend';
import type { Tensor } from '../app/tensor/tensor';
import type { SimdLevel } from '../main/backend/native-addon';
import { loadNativeAddon } from '../main/backend/native-loader';
import { loadMnist } from '../main/services/mnist';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const native = loadNativeAddon();
const js = createJsBackend('float32');

let seed = 7;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 4294967296;
}
const dense = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);

/** Seconds per call: the best of three rounds, each repeating the call for about `budget` seconds. */
function secondsPerCall(run: () => void, budget: number): number {
  run();
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      calls++;
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < budget);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

interface Shape {
  label: string;
  data: 'MNIST' | 'dense';
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  a: Float32Array;
  b: Float32Array;
}

const mnist = loadMnist();
const batchIndices = Int32Array.from({ length: 100 }, () => Math.floor(random() * mnist.train.count));
const xBatch = new Float32Array(100 * 784);
native.gatherBatch(mnist.train.images, mnist.train.labels, 784, 10, batchIndices, xBatch, new Float32Array(100 * 10));
const xTest = new Float32Array(10000 * 784);
native.gatherBatch(mnist.test.images, mnist.test.labels, 784, 10, Int32Array.from({ length: 10000 }, (_, i) => i), xTest, new Float32Array(10000 * 10));

const shape = (label: string, data: Shape['data'], m: number, n: number, k: number, transA: boolean, transB: boolean, a: Float32Array, b: Float32Array): Shape => ({ label, data, m, n, k, transA, transB, a, b });
const shapes: Shape[] = [
  shape('x·W1      100×784 · 784×50', 'MNIST', 100, 50, 784, false, false, xBatch, dense(784 * 50)),
  shape('x·W1      100×784 · 784×50', 'dense', 100, 50, 784, false, false, dense(100 * 784), dense(784 * 50)),
  shape('xᵀ·dout   784×100 · 100×50', 'MNIST', 784, 50, 100, true, false, xBatch, dense(100 * 50)),
  shape('xᵀ·dout   784×100 · 100×50', 'dense', 784, 50, 100, true, false, dense(100 * 784), dense(100 * 50)),
  shape('h·W2      100×50 · 50×10', 'dense', 100, 10, 50, false, false, dense(100 * 50), dense(50 * 10)),
  shape('hᵀ·dout   50×100 · 100×10', 'dense', 50, 10, 100, true, false, dense(100 * 50), dense(100 * 10)),
  shape('dout·W2ᵀ  100×10 · 10×50', 'dense', 100, 50, 10, false, true, dense(100 * 10), dense(50 * 10)),
  // x needs no gradient, but the trainer computes it (the layer-1 dx): measured as it runs.
  shape('dout·W1ᵀ  100×50 · 50×784', 'dense', 100, 784, 50, false, true, dense(100 * 50), dense(784 * 50)),
  shape('X·W1      10000×784 · 784×50', 'MNIST', 10000, 50, 784, false, false, xTest, dense(784 * 50)),
  shape('X·W1      10000×784 · 784×50', 'dense', 10000, 50, 784, false, false, dense(10000 * 784), dense(784 * 50)),
];

const gflops = (s: { m: number; n: number; k: number }, seconds: number) => (2 * s.m * s.n * s.k) / seconds / 1e9;
const budget = quick ? 0.05 : 0.2;

function nativeSeconds(s: Shape): number {
  const out = new Float32Array(s.m * s.n);
  return secondsPerCall(() => native.matmul(s.a, s.b, out, s.m, s.n, s.k, s.transA, s.transB), budget);
}

function jsSeconds(s: Shape): number {
  const a: Tensor = { shape: s.transA ? [s.k, s.m] : [s.m, s.k], data: s.a };
  const b: Tensor = { shape: s.transB ? [s.n, s.k] : [s.k, s.n], data: s.b };
  return secondsPerCall(() => js.matmul(a, b, s.transA, s.transB), quick ? 0.05 : 0.1);
}

// The peak: a dense 1024³ product, at every SIMD level this CPU has.
const supported = native.supportedSimdLevel();
const levels = (['avx512', 'avx2', 'scalar'] as SimdLevel[]).filter((l) => l === 'scalar' || (l === 'avx2' && supported !== 'scalar') || l === supported);
const peakShape = shape('peak      1024×1024 · 1024×1024', 'dense', 1024, 1024, 1024, false, false, dense(1024 * 1024), dense(1024 * 1024));
const peaks = levels.map((level) => {
  native.setSimdLevel(level);
  return { level, gflops: gflops(peakShape, nativeSeconds(peakShape)) };
});
native.setSimdLevel(supported);

/** NumPy's float32 1024³ product (OpenBLAS, all cores), best of 5, or undefined without NumPy. */
function numpyPeak(): number | undefined {
  const script = [
    'import numpy as np, time',
    'a = np.random.rand(1024, 1024).astype(np.float32); b = np.random.rand(1024, 1024).astype(np.float32)',
    'a @ b',
    'best = min((lambda t: (a @ b, time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(5))',
    'print(2 * 1024 ** 3 / best / 1e9)',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
  const value = Number(run.stdout.trim());
  return run.status === 0 && Number.isFinite(value) ? value : undefined;
}
const numpy = numpyPeak();

const measured = [...shapes, peakShape].map((s) => {
  const nativeS = nativeSeconds(s);
  const jsS = quick && s.m * s.n * s.k > 1e8 ? NaN : jsSeconds(s);
  const path = native.matmulPath(s.a, s.b, new Float32Array(s.m * s.n), s.m, s.n, s.k, s.transA, s.transB);
  return { s, nativeS, jsS, path };
});
// The machine is shared and noisy: the peak is the better of the two 1024³ measurements.
peaks[0].gflops = Math.max(peaks[0].gflops, gflops(peakShape, measured[measured.length - 1].nativeS));
const peak = peaks[0].gflops;
const rows = measured.map(({ s, nativeS, jsS, path }) => ({
  shape: s.label.replace(/\s+/g, ' '),
  data: s.data,
  path,
  nativeMs: nativeS * 1000,
  nativeGflops: gflops(s, nativeS),
  ofPeak: gflops(s, nativeS) / peak,
  jsMs: jsS * 1000,
  jsGflops: gflops(s, jsS),
  nativeOverJs: jsS / nativeS,
}));

const header = {
  cpuLevel: supported,
  threads: native.threadCount(),
  peakGflops: Object.fromEntries(peaks.map((p) => [p.level, p.gflops])),
  numpyPeakGflops: numpy ?? null,
  note: 'GFLOP/s counts the dense 2·m·n·k, so the zero-skipping path on MNIST rows reads as an effective rate',
};
if (asJson) {
  console.log(JSON.stringify({ ...header, rows }));
} else {
  const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
  console.log(`native matmul, SIMD ${supported}, ${header.threads} threads; peak (dense 1024³): ${peaks.map((p) => `${p.level} ${fixed(p.gflops, 1)} GFLOP/s`).join(', ')}`);
  console.log(numpy === undefined ? 'NumPy: not available (python3 with numpy not found)' : `NumPy (OpenBLAS) float32 1024³: ${fixed(numpy, 1)} GFLOP/s; native best / NumPy = ${fixed(peak / numpy, 2)}`);
  console.log(header.note);
  console.log(['shape'.padEnd(34), 'data '.padEnd(6), 'path  ', 'native ms'.padStart(10), 'GFLOP/s'.padStart(8), '% peak'.padStart(7), 'JS ms'.padStart(9), 'JS GF/s'.padStart(8), 'native/JS'.padStart(10)].join(' '));
  for (const r of rows) {
    console.log(
      [
        r.shape.padEnd(34),
        r.data.padEnd(6),
        r.path.padEnd(6),
        fixed(r.nativeMs, 3).padStart(10),
        fixed(r.nativeGflops, 1).padStart(8),
        fixed(r.ofPeak * 100, 0).padStart(7),
        fixed(r.jsMs, 2).padStart(9),
        fixed(r.jsGflops, 2).padStart(8),
        `${fixed(r.nativeOverJs, 0)}×`.padStart(10),
      ].join(' '),
    );
  }
}
