import { describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { matchOps } from './QuickSearch';

initI18n('en');

describe('the palette search', () => {
  it('finds a node by its English title, its Chinese title and its kind', () => {
    for (const query of ['Multiply', '乘法', 'mul', 'MUL']) expect(matchOps(query).map((op) => op.kind)).toContain('Mul');
    expect(matchOps('加法').map((op) => op.kind)).toContain('Add');
    expect(matchOps('交叉熵').map((op) => op.kind)).toEqual(expect.arrayContaining(['CrossEntropy']));
  });

  it('finds nothing for a word no node has', () => {
    expect(matchOps('香蕉')).toEqual([]);
  });
});
