import { describe, expect, it } from 'vitest';
import { fromArray } from '../tensor/tensor';
import { maxRelError, meanAbsDiff } from './compare';

describe('comparing gradients', () => {
  it('meanAbsDiff averages |a − b|', () => {
    expect(meanAbsDiff(fromArray([4], [1, 2, 3, 4]), fromArray([4], [1, 2.5, 2, 4]))).toBeCloseTo(0.375, 15);
    expect(meanAbsDiff(fromArray([0], []), fromArray([0], []))).toBe(0);
  });

  it('maxRelError takes the largest |a − b| / max(|a|, |b|)', () => {
    const a = fromArray([3], [1, 100, -2]);
    const b = fromArray([3], [1.1, 100.5, -2]);
    expect(maxRelError(a, b)).toBeCloseTo(0.1 / 1.1, 14);
  });

  it('treats two zeros as equal and a zero against a non-zero as fully wrong', () => {
    expect(maxRelError(fromArray([2], [0, 0]), fromArray([2], [0, 0]))).toBe(0);
    expect(maxRelError(fromArray([1], [0]), fromArray([1], [1e-3]))).toBe(1);
    expect(maxRelError(fromArray([1], [0]), fromArray([1], [1e-13]))).toBeCloseTo(0.1, 14);
  });

  it('reports NaN when a gradient holds NaN, instead of hiding it', () => {
    expect(maxRelError(fromArray([2], [Number.NaN, 1]), fromArray([2], [1, 1]))).toBeNaN();
  });

  it('refuses tensors of different shapes', () => {
    expect(() => meanAbsDiff(fromArray([2], [1, 2]), fromArray([1, 2], [1, 2]))).toThrow('meanAbsDiff needs two tensors of the same shape, got 2 and 1×2');
    expect(() => maxRelError(fromArray([2], [1, 2]), fromArray([3], [1, 2, 3]))).toThrow(RangeError);
  });
});
