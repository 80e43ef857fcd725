/**
 * Every command the toolbar, the keyboard and the application menu share, with its keys: the one
 * place a shortcut is written. The renderer matches key presses against it; main builds the menu's
 * accelerators from it.
 */
export const COMMAND_IDS = [
  'new',
  'open',
  'save',
  'saveAs',
  'undo',
  'redo',
  'copy',
  'paste',
  'selectAll',
  'delete',
  'stepForward',
  'stepBackward',
  'rewindStep',
  'runForward',
  'runBackward',
  'reset',
  'fitView',
  'explain',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export interface Shortcut {
  /** A KeyboardEvent.key: one lower-case letter, or a named key like 'F10' or 'Enter'. */
  readonly key: string;
  /** Ctrl, or Cmd on a Mac. */
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  /** Where the menu shows this one when a command has several; unset: everywhere. */
  readonly menuOn?: 'mac' | 'other';
}

export const SHORTCUTS: Readonly<Record<CommandId, readonly Shortcut[]>> = {
  new: [{ key: 'n', ctrl: true }],
  open: [{ key: 'o', ctrl: true }],
  save: [{ key: 's', ctrl: true }],
  saveAs: [{ key: 's', ctrl: true, shift: true }],
  undo: [{ key: 'z', ctrl: true }],
  redo: [
    { key: 'z', ctrl: true, shift: true, menuOn: 'mac' },
    { key: 'y', ctrl: true, menuOn: 'other' },
  ],
  copy: [{ key: 'c', ctrl: true }],
  paste: [{ key: 'v', ctrl: true }],
  selectAll: [{ key: 'a', ctrl: true }],
  delete: [{ key: 'Delete' }, { key: 'Backspace' }],
  // Not the arrow keys: React Flow moves a focused node with them.
  stepForward: [{ key: 'F10' }],
  stepBackward: [{ key: 'F10', shift: true }],
  // F9 takes back the last step, beside F10 that takes it; Shift+F9 too, beside Shift+F10.
  rewindStep: [{ key: 'F9' }, { key: 'F9', shift: true }],
  runForward: [{ key: 'Enter', ctrl: true }],
  runBackward: [{ key: 'Enter', ctrl: true, shift: true }],
  reset: [{ key: 'Escape' }],
  fitView: [{ key: 'f', shift: true }],
  // Explains the edge under the pointer, or the selected one.
  explain: [{ key: 'e' }],
};

const keyName = (key: string): string => (key === 'Escape' ? 'Esc' : key.length === 1 ? key.toUpperCase() : key);

/** How a tooltip names the keys: "Ctrl+Shift+Z or Ctrl+Y". */
export function shortcutLabel(id: CommandId): string {
  return SHORTCUTS[id].map((s) => [s.ctrl ? 'Ctrl' : '', s.shift ? 'Shift' : '', keyName(s.key)].filter(Boolean).join('+')).join(' or ');
}

/** The Electron accelerator the menu shows for a command on this platform. */
export function menuAccelerator(id: CommandId, isMac: boolean): string {
  const shortcut = SHORTCUTS[id].find((s) => !s.menuOn || s.menuOn === (isMac ? 'mac' : 'other'))!;
  return [shortcut.ctrl ? 'CmdOrCtrl' : '', shortcut.shift ? 'Shift' : '', keyName(shortcut.key)].filter(Boolean).join('+');
}

export function isCommandId(name: string): name is CommandId {
  return (COMMAND_IDS as readonly string[]).includes(name);
}

/** Menu commands arrive as their ids, or in spellings like "save-as" and "file:saveAs". */
export function commandFromMenu(name: string): CommandId | null {
  const bare = name.split(':').pop()!.replace(/[-_\s]/g, '').toLowerCase();
  const aliases: Record<string, CommandId> = { newfile: 'new', openfile: 'open', remove: 'delete' };
  return aliases[bare] ?? COMMAND_IDS.find((id) => id.toLowerCase() === bare) ?? null;
}

/** Menu commands that open a part of the UI rather than run a command; `language:<code>` switches the language. */
export const UI_MENU_COMMANDS = ['lessons', 'welcome'] as const;
export type UiMenuCommand = (typeof UI_MENU_COMMANDS)[number];

export function isUiMenuCommand(name: string): boolean {
  return (UI_MENU_COMMANDS as readonly string[]).includes(name) || name.startsWith('language:');
}
