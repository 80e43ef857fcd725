import { describe, expect, it } from 'vitest';
import { formatShape } from './format-shape';

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
