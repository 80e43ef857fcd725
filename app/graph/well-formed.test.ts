import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { graphDocumentSchema } from './document';
import { fuzzCases } from './fuzz.test-helpers';
import { wellFormedDocument } from './well-formed';

const examplesDir = join(__dirname, '../../assets/examples');
const seeds = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(examplesDir, f), 'utf8'));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fast path either steps aside or gives exactly what zod gives: the same values, fields in the same
 * order, whether it copies everything or keeps the caller's well-formed objects.
 */
function expectSameAsZod(raw: Record<string, unknown>): 'fast' | 'zod' {
  const zod = graphDocumentSchema.safeParse(raw);
  const copied = wellFormedDocument(raw);
  const kept = wellFormedDocument(structuredClone(raw), true);
  expect(kept === undefined).toBe(copied === undefined);
  if (copied === undefined || kept === undefined) return 'zod';
  expect(zod.success).toBe(true);
  for (const fast of [copied, kept]) {
    expect(fast).toStrictEqual(zod.data);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  }
  return 'fast';
}

describe('the hand-checked path for well-formed graph files', () => {
  it('reads every example exactly as the schema does', () => {
    for (const text of seeds) expect(expectSameAsZod(JSON.parse(text))).toBe('fast');
  });

  it('on 600 mutated files, never accepts what the schema refuses and never differs from its output', () => {
    const taken = { fast: 0, zod: 0 };
    for (const text of fuzzCases(seeds, 7, 600)) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        continue;
      }
      if (isRecord(raw) && raw.version === 1) taken[expectSameAsZod(raw)]++;
    }
    // Both paths are exercised: most mutations break something the schema checks, some only add noise.
    expect(taken.fast).toBeGreaterThan(50);
    expect(taken.zod).toBeGreaterThan(50);
  });

  const base = (node: Record<string, unknown>) => ({
    format: 'backprop-studio-graph',
    version: 1,
    nodes: [node],
    edges: [],
  });

  it('fills the defaults, drops unknown fields and keeps a present but empty label, as zod does', () => {
    expect(expectSameAsZod({ ...base({ id: 'a', kind: 'Scalar', position: { x: 1, y: 2 }, extra: 1 }), more: true })).toBe('fast');
    expect(expectSameAsZod(base({ id: 'a', kind: 'Scalar', label: undefined, position: { x: 1, y: 2 }, params: { m: [[1], []], e: [] } }))).toBe('fast');
    const fast = wellFormedDocument(base({ id: 'a', kind: 'Scalar', position: { x: 1, y: 2 } }))!;
    expect(fast.name).toBe('Untitled');
    expect(fast.nodes[0].params).toEqual({});
  });

  it('keeps an owned well-formed node and edge as they are, and copies what is not its own or not exactly the schema', () => {
    const node = { id: 'a', kind: 'Tensor', position: { x: 1, y: 2 }, params: { value: [[1, 2]] } };
    const edge = { id: 'e', source: 'a', sourceHandle: 'out', target: 'a', targetHandle: 'x' };
    const owned = wellFormedDocument({ ...base(node), edges: [edge] }, true)!;
    expect(owned.nodes[0]).toBe(node);
    expect(owned.edges[0]).toBe(edge);
    const copied = wellFormedDocument({ ...base(node), edges: [edge] })!;
    expect(copied.nodes[0]).not.toBe(node);
    expect(copied.nodes[0].params.value).not.toBe(node.params.value);
    expect(copied.edges[0]).not.toBe(edge);
    const reordered = { kind: 'Tensor', id: 'a', position: { x: 1, y: 2 }, params: {} };
    expect(Object.keys(wellFormedDocument(base(reordered), true)!.nodes[0])).toEqual(['id', 'kind', 'position', 'params']);
  });

  it('leaves to zod what it would word as an error, or treat specially', () => {
    const cases = [
      { id: 'a', kind: 'Scalar', position: { x: JSON.parse('1e999'), y: 0 } },
      { id: '', kind: 'Scalar', position: { x: 0, y: 0 } },
      { id: 'a', kind: 'Scalar', position: { x: 0, y: 0 }, params: { v: [1, 'a'] } },
      { id: 'a', kind: 'Scalar', position: { x: 0, y: 0 }, params: JSON.parse('{"__proto__": 1}') },
      { id: 'a', kind: 'Scalar', label: 3, position: { x: 0, y: 0 } },
    ];
    for (const node of cases) expect(wellFormedDocument(base(node))).toBeUndefined();
    expect(wellFormedDocument({ ...base({ id: 'a', kind: 'Scalar', position: { x: 0, y: 0 } }), name: 3 })).toBeUndefined();
    expect(wellFormedDocument({ ...base({ id: 'a', kind: 'Scalar', position: { x: 0, y: 0 } }), edges: [{ id: 'e', source: 'a' }] })).toBeUndefined();
  });
});
