import { mkdir, open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { ExampleInfo, OpenedFile, WorkspaceListing } from '../../app/api/contract';
import { MAX_FILE_BYTES } from '../../app/limits';
import { CodedError, type MessageCode, type MessageParams } from '../../app/i18n/messages';
import { describeFsError, formatBytes, fsReason } from './fs-words';

export { cleanStaleTempFiles, saveTextAtomically } from './atomic-save';

export const GRAPH_EXTENSION = '.json';

/** A coded sentence that keeps the file system's own code (ENOENT…) as `fsCode`, so callers can word it their way. */
function fsError(code: MessageCode, params: MessageParams, fsCode: string | undefined): CodedError {
  return Object.assign(new CodedError(code, params), fsCode ? { fsCode } : {});
}

/** Reads a UTF-8 text file, refusing folders and files larger than `limit` bytes. */
export async function readTextLimited(path: string, limit = MAX_FILE_BYTES): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fsError('file_unreadable', { path, ...fsReason(error) }, (error as NodeJS.ErrnoException).code);
  }
  if (info.isDirectory()) throw fsError('file_not_a_file', { path }, 'EISDIR');
  if (!info.isFile()) throw new CodedError('file_not_a_file', { path });
  if (info.size > limit) throw new CodedError('file_too_big', { name: basename(path), size: formatBytes(info.size), limit: formatBytes(limit) });
  const handle = await open(path, 'r');
  try {
    // Read at most limit + 1 bytes: the file may have grown since stat.
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > limit) throw new CodedError('file_grew_too_big', { name: basename(path), limit: formatBytes(limit) });
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function openTextFile(path: string): Promise<OpenedFile> {
  return { path, name: basename(path), text: await readTextLimited(path) };
}

/** The example graphs: every .json file of `dir`, with the name and description each file gives. */
export async function listExamples(dir: string): Promise<ExampleInfo[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new Error(`cannot list the examples folder ${dir}: ${describeFsError(error)}`);
  }
  const files = entries.filter((name) => extname(name) === GRAPH_EXTENSION).sort();
  return Promise.all(
    files.map(async (file): Promise<ExampleInfo> => {
      const fallback = basename(file, GRAPH_EXTENSION);
      try {
        const parsed: unknown = JSON.parse(await readTextLimited(join(dir, file)));
        const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
        const name = typeof record.name === 'string' && record.name.trim() ? record.name : fallback;
        const description = typeof record.description === 'string' ? record.description : undefined;
        return description === undefined ? { file, name } : { file, name, description };
      } catch {
        // A broken example still appears, so opening it shows the parser's sentence.
        return { file, name: fallback };
      }
    }),
  );
}

/** The graph files of the workspace folder (made if missing), by name, for the Save As dialog. */
export async function listWorkspace(dir: string): Promise<WorkspaceListing> {
  const folder = resolve(await ensureFolder(dir));
  const entries = await readdir(folder, { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && isGraphFileName(entry.name))
      .map(async (entry) => {
        const info = await stat(join(folder, entry.name)).catch(() => null);
        return info ? { name: entry.name, size: info.size, modified: info.mtimeMs } : null;
      }),
  );
  return { folder, files: files.filter((f) => f !== null).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Opens one example by its file name; names that leave the examples folder are refused. */
export async function readExample(dir: string, file: string): Promise<OpenedFile> {
  const path = resolveInside(dir, file);
  if (!path || extname(path) !== GRAPH_EXTENSION) throw new CodedError('example_missing', { name: JSON.stringify(file) });
  return openTextFile(path);
}

/** `dir/name` when it stays inside `dir`, else null. */
export function resolveInside(dir: string, name: string): string | null {
  const root = resolve(dir);
  const path = resolve(root, name);
  const rel = relative(root, path);
  if (!rel || rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== path) return null;
  return path;
}

export async function ensureFolder(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A name the workspace may hold: ends in .json and is not hidden. */
export function isGraphFileName(name: string): boolean {
  return extname(name).toLowerCase() === GRAPH_EXTENSION && !name.startsWith('.');
}

/** Adds the graph extension when the name has none. */
export function withGraphExtension(name: string): string {
  return extname(name) ? name : `${name}${GRAPH_EXTENSION}`;
}
