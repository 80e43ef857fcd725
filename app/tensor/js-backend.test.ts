import { describe, expect, it } from 'vitest';
import { createJsBackend } from './js-backend';
import { createRandom } from './random';
import { allocate, fromArray, fromRows, scalar, toNested, type Tensor } from './tensor';

const js = createJsBackend();

function randomMatrix(rows: number, cols: number, seed: number): Tensor {
  const random = createRandom(seed);
  return fromArray([rows, cols], Array.from({ length: rows * cols }, () => random.normal()));
}

/** The textbook triple loop over explicitly transposed copies, for reference. */
function naiveMatmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

const transpose = (m: number[][]): number[][] => m[0].map((_, j) => m.map((row) => row[j]));

describe('JS backend: broadcasting add and mul', () => {
  const m = fromRows([[1, 2, 3], [4, 5, 6]]);

  it('combines equal shapes elementwise', () => {
    expect(toNested(js.add(m, m))).toEqual([[2, 4, 6], [8, 10, 12]]);
    expect(toNested(js.mul(m, m))).toEqual([[1, 4, 9], [16, 25, 36]]);
  });

  it('broadcasts a scalar on either side', () => {
    expect(toNested(js.mul(scalar(10), m))).toEqual([[10, 20, 30], [40, 50, 60]]);
    expect(toNested(js.add(m, scalar(0.5)))).toEqual([[1.5, 2.5, 3.5], [4.5, 5.5, 6.5]]);
  });

  it('broadcasts a row vector [C] or [1, C] over the rows of [N, C], on either side', () => {
    const bias = fromArray([3], [10, 20, 30]);
    expect(toNested(js.add(m, bias))).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(toNested(js.add(bias, m))).toEqual([[11, 22, 33], [14, 25, 36]]);
    expect(toNested(js.mul(fromRows([[1, 0, -1]]), m))).toEqual([[1, 0, -3], [4, 0, -6]]);
  });

  it('refuses shapes that do not broadcast with a RangeError naming both', () => {
    expect(() => js.add(m, fromArray([2], [1, 2]))).toThrow(RangeError);
    expect(() => js.add(m, fromArray([2], [1, 2]))).toThrow('add: cannot broadcast 2×3 with 2');
    expect(() => js.mul(m, fromRows([[1, 2], [3, 4], [5, 6]]))).toThrow('mul: cannot broadcast 2×3 with 3×2');
  });
});

describe('JS backend: sumTo', () => {
  const g = fromRows([[1, 2, 3], [4, 5, 6]]);

  it('sums a broadcast gradient back to a scalar, a row vector or a row', () => {
    expect(toNested(js.sumTo(g, []))).toBe(21);
    expect(toNested(js.sumTo(g, [3]))).toEqual([5, 7, 9]);
    expect(js.sumTo(g, [1, 3]).shape).toEqual([1, 3]);
    expect(toNested(js.sumTo(g, [1, 3]))).toEqual([[5, 7, 9]]);
  });

  it('copies when the shape already matches', () => {
    const copy = js.sumTo(g, [2, 3]);
    expect(toNested(copy)).toEqual(toNested(g));
    copy.data[0] = 100;
    expect(g.data[0]).toBe(1);
  });

  it('refuses a shape the gradient was not broadcast from', () => {
    expect(() => js.sumTo(g, [2])).toThrow('sumTo cannot reduce a gradient of shape 2×3 to 2');
  });
});

describe('JS backend: matmul', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matches a naive product with transA=%s transB=%s', (transA, transB) => {
    const a = randomMatrix(transA ? 4 : 3, transA ? 3 : 4, 1);
    const b = randomMatrix(transB ? 5 : 4, transB ? 4 : 5, 2);
    const aRef = transA ? transpose(toNested(a) as number[][]) : (toNested(a) as number[][]);
    const bRef = transB ? transpose(toNested(b) as number[][]) : (toNested(b) as number[][]);
    const expected = naiveMatmul(aRef, bRef);
    const result = js.matmul(a, b, transA, transB);
    expect(result.shape).toEqual([3, 5]);
    const flat = expected.flat();
    for (let i = 0; i < flat.length; i++) expect(result.data[i]).toBeCloseTo(flat[i], 12);
  });

  it('multiplies the chapter’s small example exactly', () => {
    expect(toNested(js.matmul(fromRows([[1, 2]]), fromRows([[1, 3, 5], [2, 4, 6]])))).toEqual([[5, 11, 17]]);
  });

  it('refuses mismatched inner dimensions and non-matrices', () => {
    expect(() => js.matmul(fromRows([[1, 2]]), fromRows([[1, 2]]))).toThrow('matmul cannot multiply 1×2 by 1×2: inner dimensions 2 and 1 differ');
    expect(() => js.matmul(fromArray([2], [1, 2]), fromRows([[1], [2]]))).toThrow('matmul needs two 2-D tensors, got 2 and 2×1');
  });
});

describe('JS backend: elementwise kernels and layers', () => {
  it('exp, reciprocal, scale', () => {
    const x = fromArray([3], [0, 1, -2]);
    expect(Array.from(js.exp(x).data)).toEqual([1, Math.E, Math.exp(-2)]);
    expect(Array.from(js.reciprocal(fromArray([2], [4, -0.5])).data)).toEqual([0.25, -2]);
    expect(Array.from(js.scale(x, -2).data)).toEqual([-0, -2, 4]);
  });

  it('relu and its mask', () => {
    const x = fromRows([[1, -0.5], [-2, 3]]);
    expect(toNested(js.relu(x))).toEqual([[1, 0], [0, 3]]);
    expect(toNested(js.reluBackward(fromRows([[10, 20], [30, 40]]), x))).toEqual([[10, 0], [0, 40]]);
    expect(() => js.reluBackward(fromArray([2], [1, 2]), x)).toThrow('reluBackward needs dout and x of the same shape, got 2 and 2×2');
  });

  it('sigmoid and dout · y(1 − y)', () => {
    const y = js.sigmoid(fromArray([2], [0, Math.log(3)]));
    expect(y.data[0]).toBe(0.5);
    expect(y.data[1]).toBeCloseTo(0.75, 15);
    const d = js.sigmoidBackward(fromArray([2], [2, 1]), y);
    expect(d.data[0]).toBe(0.5);
    expect(d.data[1]).toBeCloseTo(0.1875, 15);
  });

  it('softmax per row, stable for large scores, and a 1-D input as one row', () => {
    const y = js.softmax(fromRows([[Math.log(0.3), Math.log(0.2), Math.log(0.5)], [1000, 1000, 1000]]));
    const rows = toNested(y) as number[][];
    expect(rows[0].map((v) => +v.toFixed(14))).toEqual([0.3, 0.2, 0.5]);
    expect(rows[1].map((v) => +v.toFixed(14))).toEqual([1 / 3, 1 / 3, 1 / 3].map((v) => +v.toFixed(14)));
    expect(Array.from(js.softmax(fromArray([2], [0, 0])).data)).toEqual([0.5, 0.5]);
  });

  it('crossEntropy averages over the batch and softmaxCrossEntropyBackward is dout·(y − t)/N', () => {
    const y = fromRows([[0.3, 0.2, 0.5], [0.1, 0.8, 0.1]]);
    const t = fromRows([[0, 1, 0], [0, 1, 0]]);
    expect(js.crossEntropy(y, t)).toBeCloseTo(-(Math.log(0.2 + 1e-7) + Math.log(0.8 + 1e-7)) / 2, 15);
    expect(js.crossEntropy(fromArray([3], [0.3, 0.2, 0.5]), fromArray([3], [0, 1, 0]))).toBeCloseTo(-Math.log(0.2 + 1e-7), 15);
    const d = toNested(js.softmaxCrossEntropyBackward(y, t, 2)) as number[][];
    expect(d.flat().map((v) => +v.toFixed(14))).toEqual([0.3, -0.8, 0.5, 0.1, -0.2, 0.1]);
    expect(() => js.crossEntropy(y, fromArray([3], [0, 1, 0]))).toThrow('crossEntropy needs y and t of the same shape');
  });
});

describe('JS backend: optimizers (the book’s common/optimizer.py)', () => {
  const p = () => fromArray([2], [1, -2]);
  const g = fromArray([2], [0.5, -4]);

  it('SGD: p −= lr·g', () => {
    const param = p();
    js.sgdUpdate(param, g, 0.1);
    expect(Array.from(param.data)).toEqual([1 - 0.05, -2 + 0.4]);
  });

  it('Momentum: v = m·v − lr·g; p += v, twice', () => {
    const param = p();
    const v = allocate([2]);
    js.momentumUpdate(param, g, v, 0.1, 0.9);
    expect(Array.from(v.data)).toEqual([-0.05, 0.4]);
    js.momentumUpdate(param, g, v, 0.1, 0.9);
    expect(v.data[0]).toBeCloseTo(-0.095, 15);
    expect(v.data[1]).toBeCloseTo(0.76, 15);
    expect(param.data[0]).toBeCloseTo(1 - 0.05 - 0.095, 15);
    expect(param.data[1]).toBeCloseTo(-2 + 0.4 + 0.76, 15);
  });

  it('AdaGrad: h += g²; p −= lr·g / (√h + 1e-7)', () => {
    const param = p();
    const h = allocate([2]);
    js.adagradUpdate(param, g, h, 0.1);
    expect(Array.from(h.data)).toEqual([0.25, 16]);
    expect(param.data[0]).toBeCloseTo(1 - (0.1 * 0.5) / (0.5 + 1e-7), 15);
    expect(param.data[1]).toBeCloseTo(-2 + (0.1 * 4) / (4 + 1e-7), 15);
  });

  it('Adam: bias-corrected lr_t, m and v moving averages, two steps', () => {
    const param = p();
    const m = allocate([2]);
    const v = allocate([2]);
    const [lr, b1, b2] = [0.001, 0.9, 0.999];
    js.adamUpdate(param, g, m, v, lr, b1, b2, 1);
    // Step 1: m = 0.1·g, v = 0.001·g², lr_t = lr·√0.001/0.1, so the step is lr·sign(g) up to the 1e-7.
    expect(m.data[0]).toBeCloseTo(0.05, 15);
    expect(v.data[1]).toBeCloseTo(0.016, 15);
    const lr1 = (lr * Math.sqrt(1 - b2)) / (1 - b1);
    expect(param.data[0]).toBeCloseTo(1 - (lr1 * 0.05) / (Math.sqrt(0.00025) + 1e-7), 15);
    expect(param.data[0]).toBeCloseTo(1 - lr, 7);
    const before = param.data[1];
    js.adamUpdate(param, g, m, v, lr, b1, b2, 2);
    const m2 = 0.9 * -0.4 + 0.1 * -4;
    const v2 = 0.999 * 0.016 + 0.001 * 16;
    const lr2 = (lr * Math.sqrt(1 - b2 ** 2)) / (1 - b1 ** 2);
    expect(m.data[1]).toBeCloseTo(m2, 14);
    expect(v.data[1]).toBeCloseTo(v2, 14);
    expect(param.data[1]).toBeCloseTo(before - (lr2 * m2) / (Math.sqrt(v2) + 1e-7), 14);
    expect(() => js.adamUpdate(param, g, m, v, lr, b1, b2, 0)).toThrow('adamUpdate counts steps from 1, got 0');
  });

  it('refuses a gradient of another shape', () => {
    expect(() => js.sgdUpdate(p(), fromArray([3], [1, 2, 3]), 0.1)).toThrow('sgdUpdate needs param and grad of the same shape, got 2 and 3');
  });
});

describe('JS backend: MNIST batches and accuracy', () => {
  const pixels = 4;
  const images = Uint8Array.from([0, 255, 51, 102, /* image 1 */ 255, 0, 0, 0, /* image 2 */ 1, 2, 3, 4]);
  const labels = Uint8Array.from([2, 0, 1]);

  it('gatherBatch scales pixels to [0, 1] and one-hot encodes the labels, in index order', () => {
    const { x, t } = js.gatherBatch(images, labels, pixels, 3, Int32Array.from([2, 0, 2]));
    expect(x.shape).toEqual([3, 4]);
    expect(Array.from(x.data.subarray(4, 8))).toEqual([0, 1, 0.2, 0.4]);
    expect(x.data[0]).toBeCloseTo(1 / 255, 15);
    expect(toNested(t)).toEqual([[0, 1, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('gatherBatch refuses an index outside the set', () => {
    expect(() => js.gatherBatch(images, labels, pixels, 3, Int32Array.from([3]))).toThrow('gatherBatch: image index 3 is outside 0..2');
  });

  it('countCorrect compares each row’s argmax (first max wins) with its label', () => {
    const scores = fromRows([[0.1, 0.7, 0.2], [0.5, 0.5, 0], [0, 0.2, 0.9], [0.3, 0.3, 0.3]]);
    expect(js.countCorrect(scores, Uint8Array.from([1, 0, 2, 0]))).toBe(4);
    expect(js.countCorrect(scores, Uint8Array.from([1, 1, 0, 2]))).toBe(1);
    expect(() => js.countCorrect(scores, Uint8Array.from([1]))).toThrow('countCorrect: 4 rows of scores 4×3 but 1 labels');
  });
});

describe('JS backend: dtype', () => {
  it('returns results in its own dtype whatever the inputs hold', () => {
    const f32 = createJsBackend('float32');
    expect(f32.name).toBe('js-float32');
    expect(f32.add(fromArray([2], [1, 2]), scalar(1)).data).toBeInstanceOf(Float32Array);
    expect(f32.matmul(fromRows([[1]]), fromRows([[2]])).data).toBeInstanceOf(Float32Array);
    expect(js.softmax(fromArray([2], [1, 2], 'float32')).data).toBeInstanceOf(Float64Array);
    expect(f32.gatherBatch(Uint8Array.from([255]), Uint8Array.from([0]), 1, 1, Int32Array.from([0])).x.data).toBeInstanceOf(Float32Array);
  });
});
