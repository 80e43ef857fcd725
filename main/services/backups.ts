import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphBackup, GraphSnapshot } from '../../app/api/contract';
import { MAX_FILE_BYTES } from '../../app/limits';
import { cleanStaleTempFiles, saveTextAtomically } from './atomic-save';
import { readTextLimited } from './files';

/**
 * Hot exit, as VS Code does it: the unsaved graph is written to the app's data folder shortly after
 * each change, removed when the graph is saved, discarded or closed clean, and offered back after a
 * crash.
 *
 * One slot per page: in browser mode every tab shows its own graph, so each connection writes its
 * own file and two tabs never overwrite each other's work. A slot whose page is gone (closed tab,
 * killed host) is an orphan; the next page that asks is offered the newest orphan and takes it over.
 *
 * The file is one line of JSON metadata, a newline, then the document text as it was, so the text
 * is neither escaped (and grown) nor parsed twice.
 */
const FORMAT = 'backprop-studio-backup';
/** The metadata line: the name and the path, each at most 4096 characters the schema allows. */
const HEADER_BYTES = 64 * 1024;
/** `graph-<slot>.backup`; `graph.backup` is the single slot of earlier versions, read as an orphan. */
const BACKUP_NAME = /^graph(?:-([0-9a-z]{1,64}))?\.backup$/;
const SLOT = /^[0-9a-z]{1,64}$/;

export function backupFileName(slot: string): string {
  if (!SLOT.test(slot)) throw new RangeError(`a backup slot is 1 to 64 lowercase letters or digits, not ${JSON.stringify(slot).slice(0, 80)}`);
  return `graph-${slot}.backup`;
}

export interface BackupStore {
  readonly dir: string;
  /** Replaces the slot's backup with this snapshot; the slot's page is alive. */
  write(slot: string, snapshot: GraphSnapshot): Promise<void>;
  /**
   * The newest backup no live page holds, moved into `slot` so this page now owns it (its next
   * write replaces it, its discard removes it); null when there is none.
   */
  claimOrphan(slot: string): Promise<GraphBackup | null>;
  discard(slot: string): Promise<void>;
  /** The slot's page is gone: its backup (if any) stays, to be offered to the next page. */
  release(slot: string): void;
}

export function createBackupStore(dir: string, now: () => number = Date.now): BackupStore {
  const live = new Set<string>();
  // One operation at a time, in the order asked: a discard must not be overtaken by an older write.
  // A folder that cannot be made fails every operation after it with its own sentence.
  let queue: Promise<unknown> = mkdir(dir, { recursive: true, mode: 0o700 })
    .then(() => cleanStaleTempFiles(dir))
    .catch(() => undefined);
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Backups no live page holds; the asking page's own slot counts (a reloaded window asks again). */
  async function orphans(asking: string): Promise<{ file: string; backup: GraphBackup }[]> {
    const names = await readdir(dir).catch(() => [] as string[]);
    const found: { file: string; backup: GraphBackup }[] = [];
    for (const name of names) {
      const match = BACKUP_NAME.exec(name);
      if (!match || (match[1] !== undefined && match[1] !== asking && live.has(match[1]))) continue;
      const backup = await readTextLimited(join(dir, name), MAX_FILE_BYTES + HEADER_BYTES).then(parseBackup, () => null);
      if (backup) found.push({ file: name, backup });
    }
    return found.sort((a, b) => b.backup.savedAt - a.backup.savedAt);
  }

  return {
    dir,
    write: (slot, snapshot) => {
      const file = join(dir, backupFileName(slot));
      live.add(slot);
      return inOrder(async () => {
        const header = JSON.stringify({ format: FORMAT, version: 1, savedAt: now(), name: snapshot.name, path: snapshot.path });
        // Private: the graph may be someone's unpublished work.
        await saveTextAtomically(file, `${header}\n${snapshot.text}`, { limit: MAX_FILE_BYTES + HEADER_BYTES, newFileMode: 0o600 });
      });
    },
    claimOrphan: (slot) => {
      const file = backupFileName(slot);
      return inOrder(async () => {
        const [newest] = await orphans(slot);
        if (!newest) return null;
        live.add(slot);
        if (newest.file !== file) await rename(join(dir, newest.file), join(dir, file));
        return newest.backup;
      });
    },
    discard: (slot) => {
      const file = join(dir, backupFileName(slot));
      return inOrder(async () => {
        await unlink(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      });
    },
    release(slot) {
      live.delete(slot);
    },
  };
}

/** The backup in a file's content, or null when it is not one of ours (torn, foreign, another version). */
export function parseBackup(content: string): GraphBackup | null {
  const newline = content.indexOf('\n');
  if (newline < 0) return null;
  let header: unknown;
  try {
    header = JSON.parse(content.slice(0, newline));
  } catch {
    return null;
  }
  const h = header as Record<string, unknown> | null;
  if (!h || h.format !== FORMAT || h.version !== 1) return null;
  const path = h.path;
  if (typeof h.savedAt !== 'number' || typeof h.name !== 'string' || (path !== null && typeof path !== 'string')) return null;
  return { savedAt: h.savedAt, name: h.name, path, text: content.slice(newline + 1) };
}
