import { describe, expect, it } from 'vitest';
import { groupDigits, optionErrorSentence, parseOptionField } from './option-errors';

describe('training option fields', () => {
  it('accepts whole numbers in range and says the range otherwise', () => {
    expect(parseOptionField('iterations', ' 600 ')).toEqual({ value: 600 });
    for (const text of ['0', '1.5', '', 'abc', '0x10', '1000001', '12abc']) {
      const parsed = parseOptionField('iterations', text);
      expect('error' in parsed && optionErrorSentence(parsed.error)).toBe('Iterations must be a whole number from 1 to 1,000,000');
    }
  });

  it('takes a learning rate above 0 up to its limit', () => {
    expect(parseOptionField('lr', '0.1')).toEqual({ value: 0.1 });
    expect(parseOptionField('lr', '1e-3')).toEqual({ value: 0.001 });
    const parsed = parseOptionField('lr', '-1');
    expect('error' in parsed && optionErrorSentence(parsed.error)).toBe('The learning rate must be a number greater than 0 and at most 100');
  });

  it('groups digits by thousands', () => {
    expect(groupDigits(1_000_000)).toBe('1,000,000');
    expect(groupDigits(4096)).toBe('4,096');
    expect(groupDigits(100)).toBe('100');
    expect(groupDigits(0.5)).toBe('0.5');
  });
});
