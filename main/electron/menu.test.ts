import { describe, expect, it } from 'vitest';
import { commandFromMenu } from '../../app/commands';
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
    const unknown = sent.filter((c) => !c.startsWith('example:') && commandFromMenu(c) === null);
    expect(unknown).toEqual([]);
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
