import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { GraphBackup, GraphSnapshot } from '../../app/api/contract';
import { MAX_FILE_BYTES } from '../../app/limits';
import { cleanStaleTempFiles, saveTextAtomically } from './atomic-save';
import { readTextLimited } from './files';

/**
 * Hot exit, as VS Code does it: the unsaved graph is written to the app's data folder shortly after
 * each change, removed when the graph is saved, discarded or closed clean, and offered back after a
 * crash. One slot: the app shows one graph at a time.
 *
 * The file is one line of JSON metadata, a newline, then the document text as it was, so the text
 * is neither escaped (and grown) nor parsed twice.
 */
export const BACKUP_FILE = 'graph.backup';
const FORMAT = 'backprop-studio-backup';
/** The metadata line: the name and the path, each at most 4096 characters the schema allows. */
const HEADER_BYTES = 64 * 1024;

export interface BackupStore {
  readonly dir: string;
  write(snapshot: GraphSnapshot): Promise<void>;
  read(): Promise<GraphBackup | null>;
  discard(): Promise<void>;
}

export function createBackupStore(dir: string, now: () => number = Date.now): BackupStore {
  const file = join(dir, BACKUP_FILE);
  // One operation at a time, in the order asked: a discard must not be overtaken by an older write.
  let queue: Promise<unknown> = mkdir(dir, { recursive: true, mode: 0o700 }).then(() => cleanStaleTempFiles(dir));
  const inOrder = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dir,
    write: (snapshot) =>
      inOrder(async () => {
        const header = JSON.stringify({ format: FORMAT, version: 1, savedAt: now(), name: snapshot.name, path: snapshot.path });
        // Private: the graph may be someone's unpublished work.
        await saveTextAtomically(file, `${header}\n${snapshot.text}`, { limit: MAX_FILE_BYTES + HEADER_BYTES, newFileMode: 0o600 });
      }),
    read: () =>
      inOrder(async () => {
        let content: string;
        try {
          content = await readTextLimited(file, MAX_FILE_BYTES + HEADER_BYTES);
        } catch {
          return null;
        }
        return parseBackup(content);
      }),
    discard: () =>
      inOrder(async () => {
        await unlink(file).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }),
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
