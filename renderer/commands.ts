/** Every command the toolbar, the keyboard and the application menu share. */
export type CommandId =
  | 'new'
  | 'open'
  | 'save'
  | 'saveAs'
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'delete'
  | 'stepForward'
  | 'stepBackward'
  | 'runForward'
  | 'runBackward'
  | 'reset'
  | 'fitView';

export interface Shortcut {
  readonly key: string;
  readonly ctrl?: boolean;
  readonly shift?: boolean;
  /** Shown in tooltips. */
  readonly label: string;
}

export const SHORTCUTS: Readonly<Record<CommandId, readonly Shortcut[]>> = {
  new: [{ key: 'n', ctrl: true, label: 'Ctrl+N' }],
  open: [{ key: 'o', ctrl: true, label: 'Ctrl+O' }],
  save: [{ key: 's', ctrl: true, label: 'Ctrl+S' }],
  saveAs: [{ key: 's', ctrl: true, shift: true, label: 'Ctrl+Shift+S' }],
  undo: [{ key: 'z', ctrl: true, label: 'Ctrl+Z' }],
  redo: [
    { key: 'z', ctrl: true, shift: true, label: 'Ctrl+Shift+Z' },
    { key: 'y', ctrl: true, label: 'Ctrl+Y' },
  ],
  copy: [{ key: 'c', ctrl: true, label: 'Ctrl+C' }],
  paste: [{ key: 'v', ctrl: true, label: 'Ctrl+V' }],
  selectAll: [{ key: 'a', ctrl: true, label: 'Ctrl+A' }],
  delete: [
    { key: 'Delete', label: 'Delete' },
    { key: 'Backspace', label: 'Backspace' },
  ],
  // Not the arrow keys: React Flow moves a focused node with them.
  stepForward: [{ key: 'F10', label: 'F10' }],
  stepBackward: [{ key: 'F10', shift: true, label: 'Shift+F10' }],
  runForward: [{ key: 'Enter', ctrl: true, label: 'Ctrl+Enter' }],
  runBackward: [{ key: 'Enter', ctrl: true, shift: true, label: 'Ctrl+Shift+Enter' }],
  reset: [{ key: 'Escape', label: 'Esc' }],
  fitView: [{ key: 'f', shift: true, label: 'Shift+F' }],
};

export function shortcutLabel(id: CommandId): string {
  return SHORTCUTS[id].map((s) => s.label).join(' or ');
}

/** The command a key press means, or null. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): CommandId | null {
  if (e.altKey) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  for (const [id, shortcuts] of Object.entries(SHORTCUTS) as [CommandId, readonly Shortcut[]][]) {
    for (const s of shortcuts) {
      const keyMatches = s.key.length === 1 ? e.key.toLowerCase() === s.key : e.key === s.key;
      if (keyMatches && !!s.ctrl === ctrl && !!s.shift === e.shiftKey) return id;
    }
  }
  return null;
}

/** Menu commands arrive as names like "save-as", "saveAs" or "file:saveAs". */
export function commandFromMenu(name: string): CommandId | null {
  const bare = name.split(':').pop()!.replace(/[-_\s]/g, '').toLowerCase();
  const aliases: Record<string, CommandId> = { selectall: 'selectAll', saveas: 'saveAs', stepforward: 'stepForward', stepbackward: 'stepBackward', runforward: 'runForward', runbackward: 'runBackward', fitview: 'fitView', newfile: 'new', openfile: 'open', remove: 'delete' };
  if (aliases[bare]) return aliases[bare];
  const ids = Object.keys(SHORTCUTS) as CommandId[];
  return ids.find((id) => id.toLowerCase() === bare) ?? null;
}

/** Menu commands that open a part of the UI rather than run a command; `language:<code>` switches the language. */
export const UI_MENU_COMMANDS = ['lessons', 'welcome'] as const;
export type UiMenuCommand = (typeof UI_MENU_COMMANDS)[number];

export function isUiMenuCommand(name: string): name is UiMenuCommand {
  return (UI_MENU_COMMANDS as readonly string[]).includes(name) || name.startsWith('language:');
}
