import { describe, expect, it } from 'vitest';
import { ShapeError } from './op';
import { getOp } from './registry';

describe('shape rules', () => {
  it('Mul and Add broadcast a scalar or a row vector and name both shapes otherwise (compile names the node)', () => {
    expect(getOp('Mul').inferShape({ x: [], y: [2, 3] }, {})).toEqual({ out: [2, 3] });
    expect(getOp('Add').inferShape({ x: [2, 3], y: [3] }, {})).toEqual({ out: [2, 3] });
    expect(getOp('Add').inferShape({ x: [1, 3], y: [4, 3] }, {})).toEqual({ out: [4, 3] });
    expect(() => getOp('Mul').inferShape({ x: [2, 3], y: [4] }, {})).toThrow(ShapeError);
    expect(() => getOp('Mul').inferShape({ x: [2, 3], y: [4] }, {})).toThrow(/^cannot combine 2×3 with 4:/);
    expect(() => getOp('Add').inferShape({ x: [2, 3], y: [3, 2] }, {})).toThrow('cannot combine 2×3 with 3×2');
  });

  it('MatMul and Affine check inner dimensions and the bias', () => {
    expect(getOp('MatMul').inferShape({ x: [5, 4], W: [4, 3] }, {})).toEqual({ out: [5, 3] });
    expect(getOp('MatMul').inferShape({ x: [2], W: [2, 3] }, {})).toEqual({ out: [3] });
    expect(() => getOp('MatMul').inferShape({ x: [5, 4], W: [3, 3] }, {})).toThrow('cannot multiply x 5×4 by W 3×3');
    expect(getOp('Affine').inferShape({ x: [2, 784], W: [784, 50], b: [50] }, {})).toEqual({ out: [2, 50] });
    expect(getOp('Affine').inferShape({ x: [2, 4], W: [4, 3], b: [1, 3] }, {})).toEqual({ out: [2, 3] });
    expect(() => getOp('Affine').inferShape({ x: [2, 4], W: [4, 3], b: [4] }, {})).toThrow('cannot add bias b 4 to x · W 2×3');
  });

  // Every op's shapes against its forward: registry-driven.test.ts. Here, the sentences of the rules.
  it('Softmax wants a vector or a batch', () => {
    expect(getOp('Softmax').inferShape({ x: [3] }, {})).toEqual({ out: [3] });
    expect(() => getOp('Softmax').inferShape({ x: [] }, {})).toThrow(ShapeError);
  });

  it('losses give a scalar and want scores and labels of one shape', () => {
    expect(getOp('SoftmaxWithLoss').inferShape({ x: [100, 10], t: [100, 10] }, {})).toEqual({ out: [] });
    expect(getOp('CrossEntropy').inferShape({ y: [10], t: [10] }, {})).toEqual({ out: [] });
    expect(() => getOp('SoftmaxWithLoss').inferShape({ x: [100, 10], t: [10, 10] }, {})).toThrow(
      'cannot compare x 100×10 with labels t 10×10',
    );
  });

  it('sources and the Output marker', () => {
    expect(getOp('Scalar').inferShape({}, { value: 3 })).toEqual({ out: [] });
    expect(getOp('Tensor').inferShape({}, {})).toEqual({ out: [2, 2] });
    expect(getOp('Tensor').inferShape({}, { value: [1, 2, 3] })).toEqual({ out: [3] });
    expect(() => getOp('Tensor').inferShape({}, { value: [[1, 2], [3]] })).toThrow('row 1 has 1 numbers but row 0 has 2');
    expect(getOp('Parameter').inferShape({}, { rows: 784, cols: 50 })).toEqual({ out: [784, 50] });
    expect(getOp('Parameter').inferShape({}, { rows: 50, cols: 0 })).toEqual({ out: [50] });
    expect(() => getOp('Parameter').inferShape({}, { rows: 2, cols: 2, init: 'uniform' })).toThrow("parameter 'init' must be one of");
    expect(getOp('MnistBatch').inferShape({}, {})).toEqual({ x: [100, 784], t: [100, 10] });
    expect(getOp('MnistBatch').inferShape({}, { batchSize: 7, indices: [0, 1, 2] })).toEqual({ x: [3, 784], t: [3, 10] });
    expect(() => getOp('MnistBatch').inferShape({}, { split: 'test', indices: [10_000] })).toThrow(ShapeError);
    expect(getOp('Output').inferShape({ x: [] }, { grad: 1.3 })).toEqual({});
  });
});
