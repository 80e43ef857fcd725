import { describe, expect, it } from 'vitest';
import { commandFromMenu, isUiMenuCommand } from '../../app/commands';
import type { MenuItemConstructorOptions } from './electron-types';
import { buildMenuTemplate } from './menu';
import { isAppUrl } from './security';

function clickable(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [...(item.click ? [item] : []), ...clickable(item.submenu ?? [])]);
}

describe('the application menu', () => {
  it('sends only commands the renderer understands, examples by file name', () => {
    const sent: string[] = [];
    const template = buildMenuTemplate([{ file: '01-apple.json', name: 'Buying apples' }], (c) => sent.push(c), false);
    for (const item of clickable(template)) item.click!();
    expect(sent).toContain('example:01-apple.json');
    expect(sent).toEqual(expect.arrayContaining(['new', 'open', 'save', 'saveAs', 'undo', 'redo', 'stepForward', 'runBackward']));
    expect(sent).toEqual(expect.arrayContaining(['lessons', 'welcome', 'language:en', 'language:zh-CN']));
    const unknown = sent.filter((c) => !c.startsWith('example:') && commandFromMenu(c) === null && !isUiMenuCommand(c));
    expect(unknown).toEqual([]);
  });

  it('speaks the UI language: menus, examples and the Help menu', () => {
    const labels = (language: 'en' | 'zh-CN') =>
      JSON.stringify(buildMenuTemplate([{ file: '01-apple.json', name: 'Buying apples' }, { file: '99-new.json', name: 'A new one' }], () => undefined, false, language));
    const zh = labels('zh-CN');
    for (const word of ['文件(&F)', '反向传播', '买苹果', '帮助(&H)', '课程', '欢迎', '语言']) expect(zh).toContain(word);
    // An example the catalog does not know yet keeps its own name.
    expect(zh).toContain('A new one');
    expect(labels('en')).toContain('Buying apples');
    expect(labels('en')).not.toContain('反向传播');
  });

  it('has Rewind Step in the Run menu, with the keys app/commands.ts gives it', () => {
    const sent: string[] = [];
    const run = (language: 'en' | 'zh-CN') => buildMenuTemplate([], (c) => sent.push(c), false, language)[2];
    const rewind = (language: 'en' | 'zh-CN') => run(language).submenu!.find((item) => item.accelerator === 'F9');
    expect(rewind('en')?.label).toBe('Rewind Step');
    expect(rewind('zh-CN')?.label).toBe('撤回一步');
    rewind('en')!.click!();
    expect(sent).toEqual(['rewindStep']);
    expect(commandFromMenu(sent[0])).toBe('rewindStep');
  });

  it('leaves the keys to the renderer, so no command runs twice', () => {
    const template = buildMenuTemplate([{ file: '01-apple.json', name: 'Buying apples' }], () => undefined, false);
    expect(clickable(template).filter((item) => item.accelerator).every((item) => item.registerAccelerator === false)).toBe(true);
  });
});

describe('isAppUrl', () => {
  it('trusts only pages of app://bpstudio/', () => {
    expect(isAppUrl('app://bpstudio/index.html')).toBe(true);
    expect(isAppUrl('app://bpstudio.evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});
