import { describe, expect, it } from 'vitest';
import { compile } from '../../app/graph/compile';
import { documentOf } from '../../app/graph/test-documents';
import { initI18n } from '../i18n';
import { problemText } from './problem-text';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const plan = compile(
  documentOf(
    [
      ['W1', 'Parameter', { rows: 40000, cols: 40000 }],
      ['m', 'Mul'],
      ['out', 'Output'],
    ],
    ['W1.out -> m.x', 'm.out -> out.x'],
  ),
);
const tooBig = plan.errors.find((e) => e.code === 'tensor_too_big')!;
const unconnected = plan.errors.find((e) => e.code === 'input_unconnected')!;

describe('problems in the UI language', () => {
  it('reads compile’s English sentence in English', () => {
    expect(problemText(tooBig, en)).toBe(tooBig.message);
    expect(problemText(tooBig, en)).toBe('Parameter W1: 40000×40000 is 1,600,000,000 values; one tensor may hold at most 67,108,864');
  });

  it('reads it in Chinese from the code and params', () => {
    expect(problemText(tooBig, zh)).toBe('Parameter W1：40000×40000 共 1,600,000,000 个值；一个张量最多只能有 67,108,864 个值');
    expect(problemText(unconnected, zh)).toBe('Mul m：输入 y 没有连接');
  });

  it('drops the node where it is already on screen, in either language', () => {
    expect(problemText(unconnected, en, { omitNode: true })).toBe('Input y is not connected');
    expect(problemText(unconnected, zh, { omitNode: true })).toBe('输入 y 没有连接');
  });

  it('falls back to the English sentence without a code or a translation', () => {
    expect(problemText({ message: 'the MNIST data set could not be loaded' }, zh)).toBe('the MNIST data set could not be loaded');
    expect(problemText({ message: 'english', code: 'no_such_code' as never, params: {} }, zh)).toBe('english');
  });
});
