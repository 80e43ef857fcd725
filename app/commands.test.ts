import { describe, expect, it } from 'vitest';
import { COMMAND_IDS, SHORTCUTS, commandFromMenu, menuAccelerator, shortcutLabel } from './commands';

describe('commands: one home for their keys', () => {
  it('gives the menu Electron accelerators from the same shortcuts the keyboard uses', () => {
    expect(menuAccelerator('saveAs', false)).toBe('CmdOrCtrl+Shift+S');
    expect(menuAccelerator('redo', false)).toBe('CmdOrCtrl+Y');
    expect(menuAccelerator('redo', true)).toBe('CmdOrCtrl+Shift+Z');
    expect(menuAccelerator('stepBackward', false)).toBe('Shift+F10');
    expect(menuAccelerator('fitView', false)).toBe('Shift+F');
    expect(menuAccelerator('reset', false)).toBe('Esc');
  });

  it('names the keys in tooltips and finds every command from its menu spellings', () => {
    expect(shortcutLabel('redo')).toBe('Ctrl+Shift+Z or Ctrl+Y');
    expect(shortcutLabel('runBackward')).toBe('Ctrl+Shift+Enter');
    for (const id of COMMAND_IDS) {
      expect(SHORTCUTS[id].length).toBeGreaterThan(0);
      expect(commandFromMenu(id)).toBe(id);
    }
    expect(commandFromMenu('save-as')).toBe('saveAs');
    expect(commandFromMenu('bogus')).toBeNull();
  });

  it('gives no two commands the same key', () => {
    const keys = COMMAND_IDS.flatMap((id) => SHORTCUTS[id].map((s) => `${s.ctrl ? 'C' : ''}${s.shift ? 'S' : ''}${s.key.toLowerCase()}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
