import type { z } from 'zod';
import { englishMessage, type Message, type MessageCode, type MessageParams } from '../i18n/messages';
import { groupDigits } from './problems';

/**
 * Turns zod's issues into catalog sentences a learner can act on, in any language: the place in
 * words ("the x coordinate of node a"), what belongs there and what the file has ("should be a number,
 * but the file has the text "left""). Each part is a code of the errors catalog (see app/i18n/say.ts).
 */
type PathKey = PropertyKey;

/** At most this many sentences; a file wrong in a thousand places says so in one more line. */
export const MAX_SCHEMA_SENTENCES = 5;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

/** "node a" when the node has an id to call it by, else "node no. 3". */
function item(list: 'node' | 'edge', entry: unknown, index: number): MessageParams {
  const id = isRecord(entry) ? entry.id : undefined;
  if (typeof id === 'string' && id.length > 0) return { itemCode: `file_item_${list}`, itemId: id };
  return { itemCode: `file_item_${list}_number`, itemNumber: String(index + 1) };
}

const NODE_FIELDS: Readonly<Record<string, string>> = { id: 'file_at_id', kind: 'file_at_kind', label: 'file_at_label', position: 'file_at_position', params: 'file_at_params' };
const EDGE_FIELDS: Readonly<Record<string, string>> = {
  id: 'file_at_id',
  source: 'file_at_edge_source',
  sourceHandle: 'file_at_edge_source_port',
  target: 'file_at_edge_target',
  targetHandle: 'file_at_edge_target_port',
};
const TENSOR_FIELDS: Readonly<Record<string, string>> = { shape: 'file_at_tensor_shape', dtype: 'file_at_tensor_dtype', data: 'file_at_tensor_data' };
const TOP_FIELDS: Readonly<Record<string, string>> = { name: 'file_at_name', description: 'file_at_description', nodes: 'file_at_nodes', edges: 'file_at_edges', tensors: 'file_at_tensors' };

/** The place a path points to, in words: the code of the place and what it needs. */
function place(path: readonly PathKey[], root: unknown): MessageParams {
  const [top, index, field, sub, deeper] = path;
  const raw = { whereCode: 'file_at_path', path: path.map(String).join('.') };
  if (path.length === 0) return { whereCode: 'file_at_file' };
  if (typeof top !== 'string') return raw;
  if (path.length === 1) return TOP_FIELDS[top] ? { whereCode: TOP_FIELDS[top] } : raw;
  if ((top === 'nodes' || top === 'edges') && typeof index === 'number') {
    const list = top === 'nodes' ? 'node' : 'edge';
    const who = item(list, valueAt(root, [top, index]), index);
    if (field === undefined) return { ...who, whereCode: 'file_at_item' };
    if (typeof field !== 'string') return raw;
    if (list === 'node' && field === 'position' && (sub === 'x' || sub === 'y') && deeper === undefined) return { ...who, whereCode: 'file_at_coordinate', axis: sub };
    if (list === 'node' && field === 'params' && typeof sub === 'string' && deeper === undefined) return { ...who, whereCode: 'file_at_param', param: sub };
    const fields = list === 'node' ? NODE_FIELDS : EDGE_FIELDS;
    if (fields[field] && sub === undefined) return { ...who, whereCode: fields[field] };
    return raw;
  }
  if (top === 'tensors' && typeof index === 'string') {
    const who = { itemCode: 'file_item_node', itemId: index };
    if (field === undefined) return { ...who, whereCode: 'file_at_tensor' };
    if (field === 'shape' && typeof sub === 'number' && deeper === undefined) return { ...who, whereCode: 'file_at_tensor_size', index: String(sub + 1) };
    if (typeof field === 'string' && TENSOR_FIELDS[field] && sub === undefined) return { ...who, whereCode: TENSOR_FIELDS[field] };
  }
  return raw;
}

/** What the file has there, in words. */
export function found(value: unknown): MessageParams {
  if (value === undefined) return { foundCode: 'file_found_nothing' };
  if (value === null || typeof value === 'boolean') return { foundCode: 'file_found_value', foundValue: String(value) };
  if (Array.isArray(value)) return { foundCode: 'file_found_list' };
  if (typeof value === 'string') return { foundCode: 'file_found_text', foundValue: JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value) };
  if (typeof value === 'number') return { foundCode: 'file_found_number', foundValue: String(value) };
  return { foundCode: 'file_found_object' };
}

const EXPECTED: Readonly<Record<string, string>> = {
  number: 'file_expected_number',
  int: 'file_expected_integer',
  string: 'file_expected_text',
  boolean: 'file_expected_boolean',
  object: 'file_expected_object',
  record: 'file_expected_object',
  array: 'file_expected_list',
};

function expected(kind: string, path: readonly PathKey[]): MessageParams {
  if (kind === 'object' && path.at(-1) === 'position') return { expectedCode: 'file_expected_position' };
  return EXPECTED[kind] ? { expectedCode: EXPECTED[kind] } : { expected: kind };
}

function said(code: MessageCode, params: MessageParams): Message {
  return { message: englishMessage(code, params), code, params };
}

function sentenceFor(issue: z.core.$ZodIssue, root: unknown): Message {
  const where = place(issue.path, root);
  const actual = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (actual === undefined) return said('file_field_missing', { ...where, ...expected(issue.expected, issue.path) });
      return said('file_field_wrong', { ...where, ...expected(issue.expected, issue.path), ...found(actual) });
    case 'invalid_value':
      return said('file_field_wrong', { ...where, expected: issue.values.map((v) => JSON.stringify(v)).join(' / '), ...found(actual) });
    case 'invalid_union':
      return said('file_field_wrong', { ...where, expectedCode: 'file_expected_param', ...found(actual) });
    case 'too_small':
      if (issue.origin === 'string') return said('file_field_empty', where);
      return said('file_field_too_small', { ...where, minimum: String(issue.minimum), ...found(actual) });
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(actual)) return said('file_field_too_many', { ...where, count: groupDigits(actual.length), limit: groupDigits(Number(issue.maximum)) });
      return said('file_field_too_big', { ...where, maximum: String(issue.maximum), ...found(actual) });
    case 'unrecognized_keys':
      return said('file_field_unknown_keys', { ...where, keys: issue.keys.join(', ') });
    default:
      return said('file_field_invalid', where);
  }
}

/** One sentence per issue, the first MAX_SCHEMA_SENTENCES of them, then how many more there are. */
export function issuesToMessages(error: z.ZodError, root: unknown): Message[] {
  const shown = error.issues.slice(0, MAX_SCHEMA_SENTENCES).map((issue) => sentenceFor(issue, root));
  const more = error.issues.length - shown.length;
  return more > 0 ? [...shown, said('file_more_problems', { more: String(more) })] : shown;
}
