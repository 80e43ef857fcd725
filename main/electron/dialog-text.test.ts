import { describe, expect, it } from 'vitest';
import { dialogText } from './dialog-text';

describe('the native dialogs’ words', () => {
  it('are English in English', () => {
    const en = dialogText('en');
    expect(en.openTitle).toBe('Open a graph');
    expect(en.filters).toEqual([
      { name: 'Backprop Studio graphs', extensions: ['json'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(en.unsavedChanges.buttons).toEqual(['Discard changes', 'Cancel']);
  });

  it('are Chinese in Chinese, every one of them, with the same buttons in the same order', () => {
    const zh = dialogText('zh-CN');
    const texts = [zh.openTitle, zh.saveTitle, ...zh.filters.map((f) => f.name), zh.unsavedChanges.message, zh.unsavedChanges.detail, ...zh.unsavedChanges.buttons, zh.startFailed, zh.noWindow];
    for (const text of texts) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.saveTitle).toBe('保存计算图');
    expect(zh.unsavedChanges.buttons).toEqual(['放弃修改', '取消']);
    expect(zh.filters.map((f) => f.extensions)).toEqual([['json'], ['*']]);
  });
});
