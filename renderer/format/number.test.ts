import { describe, expect, it } from 'vitest';
import { formatNumber, summarizeTensor } from './number';
import { fromArray, scalar } from '../../app/tensor/tensor';

describe('formatNumber', () => {
  it('shows the chapter numbers the way the book prints them', () => {
    expect(formatNumber(220.00000000000003)).toBe('220');
    expect(formatNumber(2.2000000000000006)).toBe('2.2');
    expect(formatNumber(110.00000000000001)).toBe('110');
    expect(formatNumber(200)).toBe('200');
    expect(formatNumber(1.1)).toBe('1.1');
    expect(formatNumber(-0.8)).toBe('−0.8');
  });
  it('keeps six significant digits and uses exponents for tiny or huge values', () => {
    expect(formatNumber(Math.PI)).toBe('3.14159');
    expect(formatNumber(1.5e-7)).toBe('1.5e−7');
    expect(formatNumber(12345678)).toBe('1.23457e7');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('summarizeTensor', () => {
  it('shows a scalar as its number and a short vector inline', () => {
    expect(summarizeTensor(scalar(715.0000000000001))).toBe('715');
    expect(summarizeTensor(fromArray([3], [0.3, -0.8, 0.5]))).toBe('(0.3, −0.8, 0.5)');
    expect(summarizeTensor(fromArray([3], [-1.2039728, -1.6094379, -0.6931472]))).toBe('(−1.204, −1.609, −0.6931)');
  });
  it('summarises a matrix by shape and mean, in two digits', () => {
    expect(summarizeTensor(fromArray([2, 3], [1, 2, 3, 4, 5, 6.1]))).toBe('2×3 μ3.5');
  });
  it('shows a mean that is zero up to rounding as 0', () => {
    expect(summarizeTensor(fromArray([2, 2], [0.3, -0.3 + 1e-17, 0.5, -0.5]))).toBe('2×2 μ0');
  });
});
