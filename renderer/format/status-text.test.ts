import { describe, expect, it } from 'vitest';
import { initI18n } from '../i18n';
import { statusText } from './status-text';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

describe('the status in the UI language', () => {
  it('keeps English as the executor wrote it', () => {
    expect(statusText(en, 'forward: Mul → out 220 (forward done)')).toBe('forward: Multiply → out 220 (forward done)');
    expect(statusText(en, 'backward done')).toBe('backward done');
    expect(statusText(en, 'Copied 1 node')).toBe('Copied 1 node');
    expect(statusText(en, 'Copied 3 nodes')).toBe('Copied 3 nodes');
  });

  it('reads it in Chinese with the chapter’s terms', () => {
    expect(statusText(zh, 'forward: Mul → out 220 (forward done)')).toBe('正向传播：乘法 → out 220（正向传播完成）');
    expect(statusText(zh, 'backward: Add → x 1.1, y 1.1')).toBe('反向传播：加法 → x 1.1, y 1.1');
    expect(statusText(zh, 'Opened 01-apple.json')).toBe('已打开 01-apple.json');
    expect(statusText(zh, 'Ready')).toBe('就绪');
  });

  it('shows a status it does not know unchanged', () => {
    expect(statusText(zh, 'something new')).toBe('something new');
  });
});
