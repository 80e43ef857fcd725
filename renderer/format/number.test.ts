import { describe, expect, it } from 'vitest';
import { summarizeTensor } from './number';
import { fromArray, scalar } from '../../app/tensor/tensor';

describe('summarizeTensor', () => {
  it('shows a scalar as its number and a short vector inline', () => {
    expect(summarizeTensor(scalar(715.0000000000001))).toBe('715');
    expect(summarizeTensor(fromArray([3], [0.3, -0.8, 0.5]))).toBe('(0.3, −0.8, 0.5)');
    expect(summarizeTensor(fromArray([3], [-1.2039728, -1.6094379, -0.6931472]))).toBe('(−1.204, −1.609, −0.6931)');
  });
  it('summarises a matrix by shape and mean, in two digits', () => {
    expect(summarizeTensor(fromArray([2, 3], [1, 2, 3, 4, 5, 6.1]))).toBe('[2, 3] μ3.5');
  });
  it('shows a mean that is zero up to rounding as 0', () => {
    expect(summarizeTensor(fromArray([2, 2], [0.3, -0.3 + 1e-17, 0.5, -0.5]))).toBe('[2, 2] μ0');
  });
});
