import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { fromArray, fromRows, scalarValue, toNested, type Tensor } from '../tensor/tensor';
import type { DataProvider, MnistBatchRequest, OpContext, Params } from './op';
import { MNIST_CLASSES, MNIST_PIXELS } from '../mnist';
import { resolveMnistIndices } from './mnist-batch';
import { getOp } from './registry';

const backend = createJsBackend('float64');

function forward(kind: string, params: Params, extra: Partial<OpContext> = {}) {
  return getOp(kind).forward({}, { backend, params, nodeId: 'source', ...extra }).outputs;
}

function meanAndStd(t: Tensor): [number, number] {
  const n = t.data.length;
  const mean = Array.from(t.data).reduce((s, v) => s + v, 0) / n;
  const variance = Array.from(t.data).reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  return [mean, Math.sqrt(variance)];
}

describe('Scalar and Tensor sources', () => {
  it('Scalar gives its value (default 1) as a scalar', () => {
    expect(scalarValue(forward('Scalar', { value: 1.1 }).out)).toBe(1.1);
    expect(forward('Scalar', {}).out.shape).toEqual([]);
    expect(scalarValue(forward('Scalar', {}).out)).toBe(1);
  });

  it('Tensor gives its matrix (default [[1, 2], [3, 4]]) or vector', () => {
    expect(toNested(forward('Tensor', {}).out)).toEqual([[1, 2], [3, 4]]);
    expect(toNested(forward('Tensor', { value: [[1, 2, 3], [4, 5, 6]] }).out)).toEqual([[1, 2, 3], [4, 5, 6]]);
    const vector = forward('Tensor', { value: [0.6, 0.9] }).out;
    expect(vector.shape).toEqual([2]);
    expect(() => forward('Tensor', { value: [] })).toThrow('non-empty vector or matrix');
  });

  it('sources give their values in the backend dtype', () => {
    const out = getOp('Tensor').forward({}, { backend: createJsBackend('float32'), params: {}, nodeId: 'n' }).outputs.out;
    expect(out.data).toBeInstanceOf(Float32Array);
  });
});

describe('Parameter', () => {
  it('draws the same weights for the same seed and different ones for another seed', () => {
    const a = forward('Parameter', { rows: 4, cols: 3, init: 'normal', std: 0.01, seed: 7 }).out;
    const b = forward('Parameter', { rows: 4, cols: 3, init: 'normal', std: 0.01, seed: 7 }).out;
    const c = forward('Parameter', { rows: 4, cols: 3, init: 'normal', std: 0.01, seed: 8 }).out;
    expect(a.shape).toEqual([4, 3]);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(Array.from(a.data)).not.toEqual(Array.from(c.data));
  });

  it.each([
    ['normal', 0.01],
    ['he', Math.sqrt(2 / 400)],
    ['xavier', Math.sqrt(1 / 400)],
  ] as const)('%s draws with standard deviation %f (fan-in 400)', (init, std) => {
    const w = forward('Parameter', { rows: 400, cols: 50, init, std: 0.01, seed: 3 }).out;
    const [mean, measured] = meanAndStd(w);
    expect(Math.abs(mean)).toBeLessThan(std * 0.05);
    expect(measured / std).toBeGreaterThan(0.97);
    expect(measured / std).toBeLessThan(1.03);
  });

  it('zeros gives zeros, and cols 0 makes a bias vector', () => {
    const b = forward('Parameter', { rows: 50, cols: 0, init: 'zeros' }).out;
    expect(b.shape).toEqual([50]);
    expect(b.data.every((v) => v === 0)).toBe(true);
  });

  it('uses stored (trained) weights when the document holds them, as a copy', () => {
    const stored = fromArray([2, 2], [0.5, -1, 2, 3], 'float32');
    const out = forward('Parameter', { rows: 2, cols: 2, seed: 1 }, { stored }).out;
    expect(Array.from(out.data)).toEqual([0.5, -1, 2, 3]);
    expect(out.data).toBeInstanceOf(Float64Array);
    out.data[0] = 99;
    expect(stored.data[0]).toBe(0.5);
    const same = getOp('Parameter').forward({}, { backend: createJsBackend('float32'), params: { rows: 2, cols: 2 }, nodeId: 'p', stored }).outputs.out;
    same.data[0] = 42;
    expect(stored.data[0]).toBe(0.5);
  });

  it('refuses stored weights of another shape with a sentence naming both', () => {
    const stored = fromRows([[1, 2, 3]]);
    expect(() => forward('Parameter', { rows: 2, cols: 2 }, { stored })).toThrow(
      "Parameter 'source' holds stored weights of shape 1×3 but its rows and columns say 2×2",
    );
  });
});

/** A DataProvider over a tiny synthetic set of 5 images whose pixel values encode image and pixel. */
function syntheticProvider(requests: MnistBatchRequest[]): DataProvider {
  const count = 5;
  const images = new Uint8Array(count * MNIST_PIXELS).map((_, i) => Math.floor(i / MNIST_PIXELS) * 50 + ((i % MNIST_PIXELS) % 3));
  const labels = Uint8Array.from([3, 1, 4, 1, 5]);
  return {
    mnistBatch(request) {
      requests.push(request);
      return backend.gatherBatch(images, labels, MNIST_PIXELS, MNIST_CLASSES, resolveMnistIndices(request, count));
    },
  };
}

describe('MnistBatch', () => {
  it('asks the data provider for its split, batch and indices and passes on x and t', () => {
    const requests: MnistBatchRequest[] = [];
    const { x, t } = forward('MnistBatch', { split: 'test', indices: [2, 0] }, { data: syntheticProvider(requests) });
    expect(requests).toEqual([{ split: 'test', batchSize: 100, seed: 0, indices: [2, 0] }]);
    expect(x.shape).toEqual([2, MNIST_PIXELS]);
    expect(x.data[0]).toBeCloseTo(100 / 255, 15);
    expect(x.data[MNIST_PIXELS + 1]).toBeCloseTo(1 / 255, 15);
    expect(toNested(t)).toEqual([
      [0, 0, 0, 0, 1, 0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('says MNIST data is not available when there is no data provider', () => {
    expect(() => forward('MnistBatch', {})).toThrow('MNIST data is not available here');
  });
});

describe('resolveMnistIndices', () => {
  it('returns explicit indices after checking them against the split', () => {
    expect(Array.from(resolveMnistIndices({ split: 'train', batchSize: 100, seed: 0, indices: [5, 9, 5] }, 10))).toEqual([5, 9, 5]);
    expect(() => resolveMnistIndices({ split: 'test', batchSize: 1, seed: 0, indices: [10] }, 10)).toThrow(
      'MNIST image index 10 is not an integer in 0..9 of the test split',
    );
    expect(() => resolveMnistIndices({ split: 'test', batchSize: 1, seed: 0, indices: [1.5] }, 10)).toThrow(expect.objectContaining({ code: 'mnist_index', params: { index: '1.5', last: '9', split: 'test' } }));
  });

  it('draws batchSize indices with replacement from the seed, the same every time', () => {
    const a = resolveMnistIndices({ split: 'train', batchSize: 200, seed: 4 }, 10);
    const b = resolveMnistIndices({ split: 'train', batchSize: 200, seed: 4 }, 10);
    const c = resolveMnistIndices({ split: 'train', batchSize: 200, seed: 5 }, 10);
    expect(a.length).toBe(200);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a.every((i) => i >= 0 && i < 10)).toBe(true);
    expect(new Set(a).size).toBe(10); // with replacement: 200 draws from 10 repeat and cover all
    expect(() => resolveMnistIndices({ split: 'train', batchSize: 0, seed: 0 }, 10)).toThrow('positive integer');
  });
});
