import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../app/ops/op';
import { initI18n } from '../i18n';
import { paramToText, textToParam } from './ParamField';

initI18n('en');

const spec = (type: ParamSpec['type'], extra: Partial<ParamSpec> = {}): ParamSpec => ({ name: 'p', label: 'Value', type, default: null, ...extra });

describe('param fields', () => {
  it('reads numbers, refusing text and values out of range with a sentence', () => {
    expect(textToParam(spec('number'), ' 1.1 ', 1)).toBe(1.1);
    expect(textToParam(spec('number'), '−0.5', 1)).toBe(-0.5);
    expect(() => textToParam(spec('number'), 'abc', 1)).toThrow('Value must be a number, not “abc”.');
    expect(() => textToParam(spec('integer', { min: 1 }), '0', 1)).toThrow('Value must be at least 1.');
    expect(() => textToParam(spec('integer'), '2.5', 1)).toThrow('whole number');
  });

  it('says what is wrong in the UI language', () => {
    const zh = initI18n('en').getFixedT('zh-CN');
    expect(() => textToParam(spec('number'), 'abc', 1, zh, '值')).toThrow('值必须是一个数，而不是“abc”。');
  });

  it('reads a matrix one row a line and keeps a vector a vector', () => {
    expect(textToParam(spec('matrix'), '1, 2\n3, 4', [[0, 0]])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(textToParam(spec('matrix'), '1, 2, 3', [0, 0, 0])).toEqual([1, 2, 3]);
    expect(textToParam(spec('matrix'), '1 2', [[0, 0]])).toEqual([[1, 2]]);
    expect(() => textToParam(spec('matrix'), '1, 2\n3', [[0]])).toThrow('same number of entries');
    expect(paramToText([[1, 2], [3, 4]])).toBe('1, 2\n3, 4');
  });

  it('reads image indices, and an empty field clears them', () => {
    expect(textToParam(spec('indices'), '0, 1, 2', null)).toEqual([0, 1, 2]);
    expect(textToParam(spec('indices'), '', [1])).toBeNull();
    expect(() => textToParam(spec('indices'), '1, -2', null)).toThrow('whole numbers from 0 up');
  });
});
