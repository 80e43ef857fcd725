import { describe, expect, it } from 'vitest';
import { fromArray, fromRows, scalar, toNested, type Tensor } from '../tensor/tensor';
import { numericalGradient } from './numerical';

describe('numericalGradient (centred, h = 1e-4)', () => {
  it('gives 2x for Σ x² (the chapter’s function_2 at (3, 4) → (6, 8))', () => {
    const x = fromArray([2], [3, 4]);
    const grad = numericalGradient((t) => t.data[0] ** 2 + t.data[1] ** 2, x);
    expect(grad.data[0]).toBeCloseTo(6, 9);
    expect(grad.data[1]).toBeCloseTo(8, 9);
  });

  it('has the centred difference’s h² error: (f(x+h) − f(x−h)) / 2h of x³ is 3x² + h²', () => {
    const grad = numericalGradient((t) => t.data[0] ** 3, scalar(2));
    expect(grad.shape).toEqual([]);
    expect(grad.data[0]).toBeCloseTo(12 + 1e-8, 9);
  });

  it('keeps the shape of a matrix and restores every element exactly', () => {
    const w = fromRows([[0.1, -0.2, 0.3], [1.5, 2.5, -3.5]]);
    const before = Array.from(w.data);
    const weights = [1, 2, 3, 4, 5, 6];
    const grad = numericalGradient((t: Tensor) => Array.from(t.data).reduce((s, v, i) => s + weights[i] * Math.sin(v), 0), w);
    expect(grad.shape).toEqual([2, 3]);
    (toNested(grad) as number[][]).flat().forEach((g, i) => expect(g).toBeCloseTo(weights[i] * Math.cos(before[i]), 7));
    expect(Array.from(w.data)).toEqual(before);
  });

  it('refuses float32 tensors, where h = 1e-4 would drown in rounding', () => {
    expect(() => numericalGradient(() => 0, fromArray([2], [1, 2], 'float32'))).toThrow(
      'numerical gradients need a float64 tensor, got float32 of shape 2',
    );
  });
});
