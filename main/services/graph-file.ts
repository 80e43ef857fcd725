import type { GraphDocument } from '../../app/graph/document';
import { parseGraphDocument } from '../../app/graph/parse';
import { readTextLimited } from './files';

export type GraphFileResult =
  | { readonly ok: true; readonly document: GraphDocument }
  /** Each sentence starts with the file's path, as a compiler's would. */
  | { readonly ok: false; readonly errors: readonly string[] };

function readProblem(path: string, error: unknown): string {
  // readTextLimited keeps the file system's code apart from its own message code.
  const code = (error as { fsCode?: string } | undefined)?.fsCode;
  switch (code) {
    case 'ENOENT':
      return `${path}: the file does not exist`;
    case 'EISDIR':
      return `${path}: is a folder, not a graph file`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission to read the file was denied`;
    case undefined:
      // readTextLimited's own sentences (too large, not a file) name the file already.
      return `${path}: ${error instanceof Error ? error.message.replace(/^.*?\bis\b/, 'the file is') : String(error)}`;
    default:
      return `${path}: the file could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Reads and parses a graph file from disk, at most MAX_FILE_BYTES as every reader; never throws. */
export async function readGraphFile(path: string): Promise<GraphFileResult> {
  let text: string;
  try {
    text = await readTextLimited(path);
  } catch (error) {
    return { ok: false, errors: [readProblem(path, error)] };
  }
  const parsed = parseGraphDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => `${path}: ${e}`) };
  return { ok: true, document: parsed.document };
}
