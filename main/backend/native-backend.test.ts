import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsBackend } from '../../app/tensor/js-backend';
import type { Tensor } from '../../app/tensor/tensor';
import type { SimdLevel } from './native-addon';
import { createNativeBackend } from './native-backend';
import { loadNativeAddon, nativeAddonPath, nativeBackendAvailable } from './native-loader';

/** Every kernel of the native backend against the JS backend in float32, on random shapes. */
const native = loadNativeAddon();
const backend = createNativeBackend();
const js = createJsBackend('float32');
const supported = native.supportedSimdLevel();
const levels: SimdLevel[] = (['avx512', 'avx2', 'scalar'] as const).filter(
  (level) => level === 'scalar' || (level === 'avx2' && supported !== 'scalar') || supported === level,
);
afterAll(() => native.setSimdLevel(supported));

let seed = 20240917;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** Uniform values in [-1, 1), a fraction `zeros` of them exactly 0. */
function randomTensor(shape: number[], zeros = 0, scale = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = random() < zeros ? 0 : (random() * 2 - 1) * scale;
  return { shape, data };
}

function expectClose(actual: Tensor, expected: Tensor, tolerance: (i: number) => number, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  expect(actual.data).toBeInstanceOf(Float32Array);
  expect(actual.data.length, what).toBe(expected.data.length);
  for (let i = 0; i < expected.data.length; i++) {
    const e = expected.data[i];
    const a = actual.data[i];
    if (a === e) continue;
    if (Number.isNaN(e)) {
      expect(a, `${what} [${i}]`).toBeNaN();
      continue;
    }
    if (!(Math.abs(a - e) <= tolerance(i))) {
      throw new Error(`${what}: element ${i} is ${a}, expected ${e} (tolerance ${tolerance(i)})`);
    }
  }
}

const relative = (expected: Tensor, rel = 2e-6, abs = 1e-7) => (i: number) => rel * Math.abs(expected.data[i]) + abs;

/** Σ_p |op(A)[i,p]·op(B)[p,j]|: the scale a float32 sum's rounding error is proportional to. */
function absoluteProducts(a: Tensor, b: Tensor, transA: boolean, transB: boolean): Tensor {
  const abs = (t: Tensor): Tensor => ({ shape: t.shape, data: t.data.map(Math.abs) });
  return createJsBackend('float64').matmul(abs(a), abs(b), transA, transB);
}

const odd = [1, 3, 7, 17, 33, 100, 129];

describe('the native backend', () => {
  it('loads, reports its name, dtype, SIMD level and threads', () => {
    expect(nativeBackendAvailable()).toBe(true);
    expect(backend.name).toBe('native');
    expect(backend.dtype).toBe('float32');
    expect(['avx512', 'avx2', 'scalar']).toContain(native.simdLevel());
    expect(native.threadCount()).toBeGreaterThanOrEqual(1);
  });

  it('lets BPSTUDIO_SIMD lower the level at load', () => {
    for (const level of levels) {
      const child = spawnSync(process.execPath, ['-e', `process.stdout.write(require(${JSON.stringify(nativeAddonPath())}).simdLevel())`], {
        env: { ...process.env, BPSTUDIO_SIMD: level },
        encoding: 'utf8',
      });
      expect(child.stdout).toBe(level);
    }
  });

  // Inputs, the JS backend's products and the rounding scale, made once and shared by every level.
  const matmulCases = [
    { m: 1, n: 1, k: 1, zeros: 0 },
    ...Array.from({ length: 14 }, () => ({ m: pick(odd), n: pick(odd), k: pick(odd), zeros: pick([0, 0.85]) })),
    { m: 100, n: 50, k: 784, zeros: 0.81 }, // layer 1 forward on MNIST-like rows
    { m: 100, n: 50, k: 784, zeros: 0 },
    { m: 100, n: 10, k: 50, zeros: 0 },
    { m: 200, n: 150, k: 300, zeros: 0 }, // several K blocks, in parallel
    { m: 1000, n: 50, k: 784, zeros: 0.81 }, // the sparse path in parallel
    { m: 3, n: 2100, k: 5, zeros: 0 }, // two N blocks
  ].flatMap(({ m, n, k, zeros }) =>
    ([[false, false], [true, false], [false, true], [true, true]] as const).map(([transA, transB]) => {
      const a = randomTensor(transA ? [k, m] : [m, k], zeros);
      const b = randomTensor(transB ? [n, k] : [k, n]);
      return {
        title: `${m}×${k} · ${k}×${n}, transA ${transA}, transB ${transB}, ${zeros * 100}% zeros`,
        m, n, k, zeros, transA, transB, a, b,
        expected: js.matmul(a, b, transA, transB),
        scale: absoluteProducts(a, b, transA, transB),
      };
    }),
  );

  describe.each(levels)('matmul at SIMD level %s', (level) => {
    for (const c of matmulCases) {
      it(c.title, () => {
        expect(native.setSimdLevel(level)).toBe(level);
        const actual = backend.matmul(c.a, c.b, c.transA, c.transB);
        // Both sums round at most k times at float32's unit roundoff, relative to Σ|a·b|.
        expectClose(actual, c.expected, (i) => 2 * c.k * 6e-8 * c.scale.data[i] + 1e-30, `matmul ${level}`);
        const path = native.matmulPath(c.a.data as Float32Array, c.b.data as Float32Array, new Float32Array(c.m * c.n), c.m, c.n, c.k, c.transA, c.transB);
        expect(path).toBe(c.zeros > 0.5 ? 'sparse' : c.n <= 16 ? 'rows' : 'dense');
      });
    }
  });

  it('loads in worker threads, which share the thread pool and get the same numbers', async () => {
    // Large enough for the pool: both workers ask for it at once, and one runs on its own thread.
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const native = require(workerData.path);
      const { m, n, k } = workerData;
      const a = new Float32Array(m * k).map((_, i) => ((i * 7919) % 13) - 6);
      const b = new Float32Array(k * n).map((_, i) => ((i * 104729) % 11) - 5);
      const out = new Float32Array(m * n);
      for (let round = 0; round < 20; round++) native.matmul(a, b, out, m, n, k);
      let sum = 0;
      for (const v of out) sum += v;
      parentPort.postMessage({ sum, first: out[0], last: out[out.length - 1] });`;
    const run = () =>
      new Promise<{ sum: number; first: number; last: number }>((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: { path: nativeAddonPath(), m: 400, n: 200, k: 300 } });
        worker.once('message', (message) => {
          resolve(message);
          void worker.terminate();
        });
        worker.once('error', reject);
      });
    const [first, second] = await Promise.all([run(), run()]);
    expect(second).toEqual(first);
    const m = 400, n = 200, k = 300;
    const a = new Float32Array(m * k).map((_, i) => ((i * 7919) % 13) - 6);
    const b = new Float32Array(k * n).map((_, i) => ((i * 104729) % 11) - 5);
    const out = new Float32Array(m * n);
    native.matmul(a, b, out, m, n, k);
    // Small integers: every order of summation gives the exact same floats.
    expect(first.first).toBe(out[0]);
    expect(first.last).toBe(out[out.length - 1]);
    expect(first.sum).toBe(out.reduce((s, v) => s + v, 0));
  });

  it('gives the same products at every SIMD level', () => {
    const a = randomTensor([129, 784], 0.8);
    const b = randomTensor([784, 50]);
    const dense = randomTensor([129, 784]);
    const results = levels.map((level) => {
      native.setSimdLevel(level);
      return [backend.matmul(a, b), backend.matmul(dense, b), backend.matmul(a, dense, true)];
    });
    native.setSimdLevel(supported);
    for (const other of results.slice(1)) {
      other.forEach((t, which) => expectClose(t, results[0][which], (i) => 1e-4 * (1 + Math.abs(results[0][which].data[i])), `level ${which}`));
    }
  });

  it('handles empty and degenerate products without calling the kernel', () => {
    expect(backend.matmul(randomTensor([0, 3]), randomTensor([3, 4])).shape).toEqual([0, 4]);
    const zeros = backend.matmul({ shape: [2, 0], data: new Float32Array(0) }, { shape: [0, 3], data: new Float32Array(0) });
    expect(Array.from(zeros.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(() => backend.matmul(randomTensor([2, 3]), randomTensor([4, 2]))).toThrow(/inner dimensions 3 and 4 differ/);
  });

  it('converts float64 inputs to float32', () => {
    const a: Tensor = { shape: [2, 2], data: Float64Array.from([1, 2, 3, 4]) };
    const b: Tensor = { shape: [2, 1], data: Float64Array.from([0.5, 0.25]) };
    const c = backend.matmul(a, b);
    expect(c.data).toBeInstanceOf(Float32Array);
    expect(Array.from(c.data)).toEqual([1, 2.5]);
  });

  it('adds and multiplies with every broadcast kind', () => {
    for (const rows of odd) {
      const cols = pick(odd);
      const matrix = randomTensor([rows, cols]);
      const partners = [randomTensor([rows, cols]), randomTensor([]), randomTensor([cols]), randomTensor([1, cols])];
      for (const other of partners) {
        for (const op of ['add', 'mul'] as const) {
          expectClose(backend[op](matrix, other), js[op](matrix, other), relative(js[op](matrix, other), 0, 0), `${op} right`);
          expectClose(backend[op](other, matrix), js[op](other, matrix), relative(js[op](other, matrix), 0, 0), `${op} left`);
        }
      }
    }
    expect(() => backend.add(randomTensor([2, 3]), randomTensor([2]))).toThrow(RangeError);
  });

  it('sums gradients back to every broadcast shape', () => {
    for (const rows of odd) {
      const cols = pick(odd);
      const g = randomTensor([rows, cols]);
      for (const shape of [[], [cols], [1, cols], [rows, cols]]) {
        const expected = js.sumTo(g, shape);
        expectClose(backend.sumTo(g, shape), expected, () => rows * 1.2e-7 * rows + 1e-6, `sumTo ${shape}`);
      }
    }
    expect(() => backend.sumTo(randomTensor([2, 3]), [2])).toThrow(RangeError);
  });

  it('scales, exponentiates, inverts, and runs the activations and their backward', () => {
    for (const size of odd) {
      const shape = [size, pick(odd)];
      const x = randomTensor(shape, 0.2, 4);
      const dout = randomTensor(shape);
      const y = js.sigmoid(x);
      const pairs: [string, Tensor, Tensor][] = [
        ['scale', backend.scale(x, -0.37), js.scale(x, -0.37)],
        ['exp', backend.exp(x), js.exp(x)],
        ['reciprocal', backend.reciprocal(x), js.reciprocal(x)],
        ['relu', backend.relu(x), js.relu(x)],
        ['reluBackward', backend.reluBackward(dout, x), js.reluBackward(dout, x)],
        ['sigmoid', backend.sigmoid(x), js.sigmoid(x)],
        ['sigmoidBackward', backend.sigmoidBackward(dout, y), js.sigmoidBackward(dout, y)],
      ];
      for (const [what, actual, expected] of pairs) expectClose(actual, expected, relative(expected, 4e-7, 1e-7), what);
    }
  });

  it('computes softmax, cross-entropy and their backward', () => {
    for (const rows of odd) {
      const cols = pick([1, 3, 10, 17]);
      const x = randomTensor(rows === 1 ? [cols] : [rows, cols], 0, 30);
      const t = randomTensor([...x.shape], 0.7).data.map((v) => (v > 0 ? 1 : 0));
      const target: Tensor = { shape: x.shape, data: t };
      const y = backend.softmax(x);
      expectClose(y, js.softmax(x), relative(js.softmax(x), 1e-6, 1e-9), 'softmax');
      expect(backend.crossEntropy(y, target)).toBeCloseTo(js.crossEntropy(y, target), 5);
      const expected = js.softmaxCrossEntropyBackward(y, target, 1.3);
      expectClose(backend.softmaxCrossEntropyBackward(y, target, 1.3), expected, relative(expected, 3e-7, 1e-9), 'backward');
    }
    // The chapter's numbers: softmax (0.3, 0.2, 0.5) against label (0, 1, 0) gives (0.3, −0.8, 0.5).
    const grad = backend.softmaxCrossEntropyBackward({ shape: [3], data: Float32Array.from([0.3, 0.2, 0.5]) }, { shape: [3], data: Float32Array.from([0, 1, 0]) }, 1);
    expect(Array.from(grad.data).map((v) => Number(v.toFixed(6)))).toEqual([0.3, -0.8, 0.5]);
  });

  it("updates parameters in place as the book's SGD, Momentum, AdaGrad and Adam", () => {
    const shape = [17, 33];
    const start = randomTensor(shape);
    const copy = (t: Tensor): Tensor => ({ shape: t.shape, data: Float32Array.from(t.data) });
    const zero = (): Tensor => ({ shape, data: new Float32Array(start.data.length) });
    const states = [backend, js].map(() => ({ param: copy(start), velocity: zero(), h: zero(), m: zero(), v: zero() }));
    for (let step = 1; step <= 5; step++) {
      const grad = randomTensor(shape);
      [backend, js].forEach((b, i) => {
        const s = states[i];
        b.sgdUpdate(s.param, grad, 0.1);
        b.momentumUpdate(s.param, grad, s.velocity, 0.01, 0.9);
        b.adagradUpdate(s.param, grad, s.h, 0.01);
        b.adamUpdate(s.param, grad, s.m, s.v, 0.001, 0.9, 0.999, step);
      });
    }
    for (const key of ['param', 'velocity', 'h', 'm', 'v'] as const) {
      expectClose(states[0][key], states[1][key], relative(states[1][key], 2e-6, 1e-7), key);
    }
    expect(states[0].param.data).not.toEqual(start.data);
  });

  it('writes in-place updates back into float64 tensors', () => {
    const param: Tensor = { shape: [2], data: Float64Array.from([1, 2]) };
    backend.sgdUpdate(param, { shape: [2], data: Float64Array.from([10, 20]) }, 0.5);
    expect(Array.from(param.data)).toEqual([-4, -8]);
  });

  it('gathers MNIST-like batches with /255 and one-hot labels, and counts argmax hits', () => {
    const count = 37;
    const pixels = 29;
    const images = Uint8Array.from({ length: count * pixels }, () => (random() < 0.8 ? 0 : Math.floor(random() * 256)));
    const labels = Uint8Array.from({ length: count }, () => Math.floor(random() * 10));
    const indices = Int32Array.from({ length: 33 }, () => Math.floor(random() * count));
    const expected = js.gatherBatch(images, labels, pixels, 10, indices);
    for (const level of levels) {
      native.setSimdLevel(level);
      const atLevel = backend.gatherBatch(images, labels, pixels, 10, indices);
      expectClose(atLevel.x, expected.x, () => 0, `x at ${level}`);
      expectClose(atLevel.t, expected.t, () => 0, `t at ${level}`);
    }
    native.setSimdLevel(supported);
    const actual = backend.gatherBatch(images, labels, pixels, 10, indices);
    const scores = randomTensor([33, 10]);
    const batchLabels = Uint8Array.from(indices, (i) => labels[i]);
    expect(backend.countCorrect(scores, batchLabels)).toBe(js.countCorrect(scores, batchLabels));
    expect(backend.countCorrect(actual.t, batchLabels)).toBe(33);
    expect(() => backend.gatherBatch(images, labels, pixels, 10, Int32Array.from([count]))).toThrow(RangeError);
  });
});
