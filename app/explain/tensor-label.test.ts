import { describe, expect, it } from 'vitest';
import { fromArray, scalar } from '../tensor/tensor';
import { printsInFull, tensorLabel, tensorLabelLines } from './tensor-label';

describe('edge labels of tensors', () => {
  it('prints up to 12 numbers in full: a scalar, a vector, a 2×2 matrix', () => {
    expect(tensorLabel(scalar(2.2000000000000006))).toBe('2.2');
    expect(tensorLabel(fromArray([3], [0.3, 0.2, 0.5]))).toBe('(0.3, 0.2, 0.5)');
    expect(tensorLabel(fromArray([2, 2], [1, -2, 3, 4]))).toBe('((1, −2), (3, 4))');
    expect(tensorLabel(fromArray([1, 1], [7]))).toBe('7');
  });

  it('gives larger tensors their shape and range, so a gradient summing to 0 still shows its size', () => {
    const softmaxGrad = fromArray([2, 10], Array.from({ length: 20 }, (_, i) => (i % 10 === 3 ? -0.9 : 0.1)));
    expect(tensorLabel(softmaxGrad)).toBe('2×10 [−0.9 … 0.1]');
    expect(tensorLabel(fromArray([13], [...Array(12).fill(1), Infinity]))).toBe('13 [1 … ∞]');
    expect(tensorLabel(fromArray([13], [...Array(12).fill(1), NaN]))).toBe('13 [1 … 1] NaN');
  });

  it('gives a tensor whose numbers would make a label wider than a node its shape and range too', () => {
    const b2Grad = fromArray([10], [0.234, 0.1007, 0.1002, 0.1, -0.2331, -0.2335, 0.09961, 0.09905, 0.1007, 0.1004]);
    expect(tensorLabel(b2Grad)).toBe('10 [−0.2335 … 0.234]');
    expect(printsInFull(b2Grad)).toBe(false);
    expect(tensorLabel(fromArray([10], Array(10).fill(0)))).toBe('10 [0 … 0]');
    expect(tensorLabel(fromArray([2, 3], [1, 2, 3, 11, 12, 13]))).toBe('((1, 2, 3), (11, 12, 13))');
    expect(printsInFull(fromArray([3], [0.3, -0.8, 0.5]))).toBe(true);
  });

  it('gives a matrix one row a line, and anything else one line', () => {
    expect(tensorLabelLines(fromArray([2, 3], [1, 2, 3, 11, 12, 13]))).toEqual(['(1, 2, 3)', '(11, 12, 13)']);
    expect(tensorLabelLines(fromArray([2, 2], [1, -0.5, -2, 3]))).toEqual(['(1, −0.5)', '(−2, 3)']);
    expect(tensorLabelLines(fromArray([1, 3], [1, 2, 3]))).toEqual(['((1, 2, 3))']);
    expect(tensorLabelLines(fromArray([3], [0.3, -0.8, 0.5]))).toEqual(['(0.3, −0.8, 0.5)']);
    expect(tensorLabelLines(fromArray([2, 10], Array(20).fill(1)))).toEqual(['2×10 [1 … 1]']);
  });
});
