import { describe, expect, it } from 'vitest';
import { formatNumber } from './format-number';

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
