import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, readlink, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MAX_FILE_BYTES } from '../../app/limits';
import { CodedError } from '../../app/i18n/messages';
import { formatBytes, fsReason } from './fs-words';

/** Our temp files: `.<name>.bpstudio-<pid>-<random>.tmp`, so stale ones can be told from anyone else's. */
const TEMP_PATTERN = /^\..+\.bpstudio-(\d+)-[0-9a-f]+\.tmp$/;
/** Temp files of versions before 0.1 named no process: `.<name>.json.<12 hex>.tmp`; only their age tells. */
const LEGACY_TEMP_PATTERN = /^\..+\.json\.[0-9a-f]{12}\.tmp$/;

/** A temp file of a live process younger than this may still be being written. */
export const STALE_TEMP_AGE_MS = 60 * 60 * 1000;

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.bpstudio-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `text` so that `path` holds either the old content or the new one, never a torn file, as
 * write-file-atomic does: a temp file in the same folder (same file system, so rename is atomic),
 * fsync, rename, then fsync the folder so the rename itself survives a power cut. A symlink is
 * written through (the link stays, its target changes); the target's mode is kept; a read-only
 * file is refused rather than replaced behind the user's back.
 */
export interface SaveOptions {
  /** Bytes (UTF-8), the same count the readers use. */
  readonly limit?: number;
  /** The mode of a file that does not exist yet (before the umask); an existing file keeps its own. */
  readonly newFileMode?: number;
}

export async function saveTextAtomically(path: string, text: string, options: SaveOptions = {}): Promise<void> {
  const { limit = MAX_FILE_BYTES, newFileMode = 0o666 } = options;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > limit) {
    throw new CodedError('save_too_big', { name: basename(path), size: formatBytes(bytes.length), limit: formatBytes(limit) });
  }
  const target = await followLinks(path);
  const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new CodedError('save_failed', { path, ...fsReason(error) });
  });
  if (existing && !existing.isFile()) throw new CodedError('save_not_a_file', { path });
  // Write bits, not access(): root may write anything, but a file marked read-only was marked so on purpose.
  if (existing && (existing.mode & 0o222) === 0) {
    throw new CodedError('save_read_only', { name: basename(path) });
  }

  const temp = tempPathFor(target);
  const mode = existing ? existing.mode & 0o7777 : newFileMode;
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', mode);
    await handle.writeFile(bytes);
    // open()'s mode passes through the umask; the old file's exact mode must survive.
    if (existing) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));
}

/** The file a path finally names: symlinks followed, even to a target that does not exist yet. */
async function followLinks(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // A dangling link (or no file yet): follow the links by hand, at most 40 as the kernel does.
    let current = resolve(path);
    for (let hops = 0; hops < 40; hops++) {
      const info = await lstat(current).catch(() => null);
      if (!info?.isSymbolicLink()) return current;
      current = resolve(dirname(current), await readlink(current));
    }
    throw new CodedError('save_link_loop', { path });
  }
}

/** fsync of the folder, where the platform allows it (Windows cannot open a folder for that). */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files a killed save left in `folder`: only ours (by name), and only those of a process
 * that is gone or older than STALE_TEMP_AGE_MS (earlier versions' temp names carry no process, so
 * only their age tells). Returns the names removed; never throws.
 */
export async function cleanStaleTempFiles(folder: string, now = Date.now()): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP_PATTERN.exec(name);
    if (!match && !LEGACY_TEMP_PATTERN.test(name)) continue;
    const pid = match ? Number(match[1]) : null;
    const path = join(folder, name);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) continue;
    const young = now - info.mtimeMs < STALE_TEMP_AGE_MS;
    if (young && (pid === null || isAlive(pid))) continue;
    if (await unlink(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}
