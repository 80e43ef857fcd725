import { describe, expect, it } from 'vitest';
import { commandFromMenu } from '../app/commands';
import { commandForKey } from './commands';

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: false, shiftKey: !!mods.shift, altKey: false });

describe('keyboard shortcuts', () => {
  it('tells Save from Save As and step forward from step backward', () => {
    expect(commandForKey(key('s', { ctrl: true }))).toBe('save');
    expect(commandForKey(key('S', { ctrl: true, shift: true }))).toBe('saveAs');
    expect(commandForKey(key('F10'))).toBe('stepForward');
    expect(commandForKey(key('F10', { shift: true }))).toBe('stepBackward');
    expect(commandForKey(key('Enter', { ctrl: true, shift: true }))).toBe('runBackward');
    expect(commandForKey(key('Z', { ctrl: true, shift: true }))).toBe('redo');
    expect(commandForKey(key('x'))).toBeNull();
  });
  it('maps menu command names in their usual spellings', () => {
    expect(commandFromMenu('save-as')).toBe('saveAs');
    expect(commandFromMenu('file:open')).toBe('open');
    expect(commandFromMenu('select-all')).toBe('selectAll');
    expect(commandFromMenu('bogus')).toBeNull();
  });
});
