import type { StoreApi } from 'zustand/vanilla';
import type { Api, GraphBackup, GraphSnapshot } from '../../app/api/contract';
import { serializeGraphDocument } from '../../app/graph/parse';
import type { GraphStore } from '../store/graph-state';

/** About a second after the last change, as VS Code's hot exit does. */
export const BACKUP_DELAY_MS = 1000;

/**
 * localStorage flag that keeps the restore offer from showing (the e2e fixture sets it, so one
 * spec's backup does not pop a dialog in the next). e2e/fixtures.ts writes the same literal.
 */
export const SUPPRESS_RECOVERY_OFFER_KEY = 'bpstudio.recovery.offer';

export type BackupApi = Pick<Api, 'mode' | 'backupGraph' | 'discardBackup'>;

export interface BackupWriter {
  /** Writes (or discards) now what the timer would write later. */
  flush(): Promise<void>;
  /** The page is going away. */
  pageHidden(): void;
  stop(): void;
}

/**
 * Keeps the host's backup in step with the open graph: while it has unsaved changes, a snapshot a
 * second after each change; once it is saved, discarded or replaced by a clean one, no backup.
 */
export interface BackupOptions {
  /** The host holds a backup of this graph already (it was just restored from it). */
  readonly hostHasBackup?: boolean;
  readonly delayMs?: number;
}

export function startBackups(store: StoreApi<GraphStore>, api: BackupApi, options: BackupOptions = {}): BackupWriter {
  const { hostHasBackup = false, delayMs = BACKUP_DELAY_MS } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // What the host holds for this page: null = nothing; 'restored' = the backup this graph came from,
  // which the first clean state removes. Another tab's backup is never this page's to remove.
  let held: GraphSnapshot | null | 'restored' = hostHasBackup ? 'restored' : null;
  let stopped = false;

  const snapshotNow = (): GraphSnapshot | null => {
    const s = store.getState();
    return s.dirty ? { text: serializeGraphDocument(s.toDocument()), name: s.name, path: s.path } : null;
  };

  const cancelTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  async function flush(): Promise<void> {
    cancelTimer();
    if (stopped) return;
    const snapshot = snapshotNow();
    if (snapshot === null) {
      if (held === null) return;
      held = null;
      await api.discardBackup().catch(() => undefined);
      return;
    }
    if (held !== null && held !== 'restored' && held.text === snapshot.text && held.name === snapshot.name && held.path === snapshot.path) return;
    held = snapshot;
    // A failed backup is retried with the next change; the edit itself is never blocked by it.
    await api.backupGraph(snapshot).catch(() => {
      held = null;
    });
  }

  const unsubscribe = store.subscribe((state, previous) => {
    const changed =
      state.nodes !== previous.nodes ||
      state.edges !== previous.edges ||
      state.name !== previous.name ||
      state.path !== previous.path ||
      state.tensors !== previous.tensors ||
      state.description !== previous.description ||
      state.dirty !== previous.dirty;
    if (!changed) return;
    // Saved, or replaced by a clean document: the backup goes at once, not a second later.
    if (!state.dirty && previous.dirty) {
      void flush();
      return;
    }
    cancelTimer();
    timer = setTimeout(() => void flush(), delayMs);
  });

  return {
    flush,
    pageHidden() {
      // Electron decides about unsaved changes in its close dialog (main drops the backup on
      // "Discard"); writing here would bring back what the user just discarded. Browser mode keeps
      // unsaved work across a closed tab, as hot exit does, and drops the backup of a clean graph.
      if (api.mode === 'electron' && store.getState().dirty) cancelTimer();
      else void flush();
    },
    stop() {
      stopped = true;
      cancelTimer();
      unsubscribe();
    },
  };
}

/** Puts a backup back on the canvas: its graph, name and path, with its changes still unsaved. */
export function restoreBackup(store: StoreApi<GraphStore>, backup: GraphBackup): boolean {
  const fileName = backup.path?.split(/[\\/]/).pop();
  if (!store.getState().loadText(backup.text, { name: fileName ?? backup.name, path: backup.path })) return false;
  store.setState({ name: backup.name, dirty: true });
  return true;
}
