import type { z } from 'zod';

/** Turns zod's issues into sentences that name the place in the file: "nodes[2].position.x: expected a number, got a string". */
type PathKey = PropertyKey;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || 'the file';
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key as string];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)})`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    default:
      return 'an object';
  }
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  int: 'a whole number',
};

function sentenceFor(issue: z.core.$ZodIssue, root: unknown): string {
  const where = formatPath(issue.path);
  const actual = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined) return `${where}: is missing (expected ${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${where}: expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(actual)}`;
    }
    case 'invalid_value':
      return `${where}: expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(actual)}`;
    case 'too_small':
      if (issue.origin === 'string') return `${where}: must not be empty`;
      return `${where}: must be at least ${issue.minimum}, got ${describeValue(actual)}`;
    case 'too_big':
      if (issue.origin === 'array' && Array.isArray(actual)) return `${where}: the file has ${actual.length}, a graph may have at most ${issue.maximum}`;
      return `${where}: must be at most ${issue.maximum}, got ${describeValue(actual)}`;
    case 'invalid_union':
      return `${where}: expected a number, a string, true/false, null or a list of numbers, got ${describeValue(actual)}`;
    case 'unrecognized_keys':
      return `${where}: unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

export function issuesToSentences(error: z.ZodError, root: unknown): string[] {
  return error.issues.map((issue) => sentenceFor(issue, root));
}
