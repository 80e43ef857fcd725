import { SHORTCUTS, type CommandId, type Shortcut } from '../app/commands';

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
