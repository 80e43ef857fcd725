import { describe, expect, it } from 'vitest';
import { formatShape, formatShapeTex } from './format-shape';

describe('formatShape', () => {
  it('writes a matrix as rows×columns and a vector by its length', () => {
    expect(formatShape([3, 784])).toBe('3×784');
    expect(formatShape([2, 3, 4])).toBe('2×3×4');
    expect(formatShape([784])).toBe('784');
  });
  it('writes a scalar as a word, in the language the caller gives', () => {
    expect(formatShape([])).toBe('scalar');
    expect(formatShape([], '标量')).toBe('标量');
  });
});

describe('formatShapeTex', () => {
  it('writes the same shape for KaTeX: \\times between the sizes, a scalar as text', () => {
    expect(formatShapeTex([3, 784])).toBe('3\\times 784');
    expect(formatShapeTex([2, 3, 4])).toBe('2\\times 3\\times 4');
    expect(formatShapeTex([784])).toBe('784');
    expect(formatShapeTex(['N', 784])).toBe('N\\times 784');
    expect(formatShapeTex([])).toBe('\\text{scalar}');
  });
});
