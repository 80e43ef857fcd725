import { englishMessage, type Message, type MessageCode, type MessageParams } from '../i18n/messages';
import { FORMAT, VERSION, graphDocumentSchema, type GraphDocument } from './document';
import { structureProblems } from './graph-index';
import { OLDEST_VERSION, migrateToCurrent } from './migrations';
import { found, issuesToMessages } from './schema-errors';
import { wellFormedDocument } from './well-formed';

export type ParseResult =
  | { readonly ok: true; readonly document: GraphDocument }
  /**
   * `error` is every sentence of `errors`, one a line; `said` the same as messages, with the catalog
   * code of those that have one (the page says them in its language).
   */
  | { readonly ok: false; readonly error: string; readonly errors: readonly string[]; readonly said: readonly Message[] };

const fail = (said: readonly (string | Message)[]): ParseResult => {
  const messages = said.map((m) => (typeof m === 'string' ? { message: m } : m));
  const errors = messages.map((m) => m.message);
  return { ok: false, error: errors.join('\n'), errors, said: messages };
};

const coded = (code: MessageCode, params: MessageParams = {}): Message => ({ message: englishMessage(code, params), code, params });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where JSON.parse stopped, as a line and column a learner can find in an editor (the engine's own sentence is English). */
function notJson(text: string, error: unknown): Message {
  const reason = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(reason);
  if (!at && /end of (JSON )?input|Unterminated/i.test(reason)) return coded('file_not_json_end');
  if (!at) return coded('file_not_json');
  const position = Math.min(Number(at[1]), text.length);
  if (position >= text.trimEnd().length) return coded('file_not_json_end');
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return coded('file_not_json_at', { line: String(line), column: String(column) });
}

/** Reads a graph file's text: JSON, the format marker, the version (migrating older ones), the schema, then ids and ports. Never throws. */
export function parseGraphDocument(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail([notJson(text, e)]);
  }
  // The value is this function's own: well-formed nodes and edges can be kept rather than copied.
  return parseValue(raw, true);
}

/** The same checks for a value already parsed from JSON (e.g. received over IPC); the result shares nothing with it. */
export function parseGraphValue(raw: unknown): ParseResult {
  return parseValue(raw, false);
}

function parseValue(raw: unknown, owned: boolean): ParseResult {
  if (!isRecord(raw)) return fail([coded('file_not_object')]);
  if (raw.format !== FORMAT) {
    if (raw.format === undefined) return fail([coded('file_no_format', { format: FORMAT })]);
    return fail([coded('file_wrong_format', { found: JSON.stringify(raw.format), format: FORMAT })]);
  }
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_VERSION) {
    return fail([coded('file_bad_version', { oldest: String(OLDEST_VERSION), newest: String(VERSION), ...found(version) })]);
  }
  if (version > VERSION) {
    return fail([coded('file_newer', { version: String(version), newest: String(VERSION) })]);
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateToCurrent(raw, version);
  } catch (e) {
    return fail([coded('file_upgrade_failed', { version: String(version), reason: e instanceof Error ? e.message : String(e) })]);
  }
  let document = wellFormedDocument(migrated, owned);
  if (!document) {
    const parsed = graphDocumentSchema.safeParse(migrated);
    if (!parsed.success) return fail(issuesToMessages(parsed.error, migrated));
    document = parsed.data;
  }
  // Ids are unique, edges join nodes that exist, through ports their kinds have: compile's own first
  // phase decides (one validator); unknown kinds and everything else are left to compile to report.
  const problems = structureProblems(document);
  return problems.length > 0 ? fail(problems) : { ok: true, document };
}

const INLINE_WIDTH = 100;

/** Stable, readable JSON: fixed key order, small arrays and objects of plain values on one line. */
export function serializeGraphDocument(document: GraphDocument): string {
  const ordered = {
    format: document.format,
    version: document.version,
    name: document.name,
    ...(document.description !== undefined ? { description: document.description } : {}),
    nodes: document.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      ...(n.label !== undefined ? { label: n.label } : {}),
      position: { x: n.position.x, y: n.position.y },
      params: sortKeys(n.params),
    })),
    edges: document.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle,
      target: e.target,
      targetHandle: e.targetHandle,
    })),
    ...(document.tensors !== undefined ? { tensors: sortKeys(document.tensors) } : {}),
  };
  return `${pretty(ordered, '')}\n`;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isFlat(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object' || v === null || (Array.isArray(v) && v.every((w) => typeof w !== 'object')));
  if (isRecord(value)) return Object.values(value).every((v) => typeof v !== 'object' || v === null || (Array.isArray(v) && isFlat(v)));
  return true;
}

function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function pretty(value: unknown, indent: string): string {
  const inline = JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return inline;
  if (isFlat(value) && inline.length + indent.length <= INLINE_WIDTH) {
    return inlineJson(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
}
