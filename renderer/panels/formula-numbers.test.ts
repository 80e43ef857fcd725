import { describe, expect, it } from 'vitest';
import { substituteNumbers } from './formula-numbers';
import { fromArray, scalar } from '../../app/tensor/tensor';

describe('substituteNumbers', () => {
  it("puts the mul node's numbers into its forward formula", () => {
    expect(substituteNumbers('out = x \\cdot y', { x: scalar(100), y: scalar(2), out: scalar(200) })).toBe('200 = 100 \\cdot 2');
  });
  it('keeps the symbols that name a derivative', () => {
    expect(substituteNumbers('\\frac{\\partial out}{\\partial x} = y', { x: scalar(10), y: scalar(5), out: scalar(50) })).toBe(
      '\\frac{\\partial out}{\\partial x} = 5',
    );
  });
  it('leaves TeX commands alone and shows tensors by shape', () => {
    const tex = substituteNumbers('out = x \\cdot W + b', { x: fromArray([2, 3], [1, 2, 3, 4, 5, 6]), b: scalar(-1) });
    expect(tex).toContain('\\cdot W + (-1)');
    expect(tex).toContain('\\underset{2\\times 3}{x}');
  });
});
