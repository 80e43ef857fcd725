import { describe, expect, it } from 'vitest';
import { FORMAT, VERSION, type GraphDocument } from './document';
import { parseGraphDocument, serializeGraphDocument } from './parse';

const apple: GraphDocument = {
  format: FORMAT,
  version: VERSION,
  name: 'apple',
  nodes: [
    { id: 'a', kind: 'Scalar', label: 'apple price', position: { x: 0, y: 0 }, params: { value: 100 } },
    { id: 'n', kind: 'Scalar', position: { x: 0, y: 120 }, params: { value: 2 } },
    { id: 'm', kind: 'Mul', position: { x: 220, y: 60 }, params: {} },
    { id: 'o', kind: 'Output', position: { x: 440, y: 60 }, params: { grad: 1 } },
  ],
  edges: [
    { id: 'e1', source: 'a', sourceHandle: 'out', target: 'm', targetHandle: 'x' },
    { id: 'e2', source: 'n', sourceHandle: 'out', target: 'm', targetHandle: 'y' },
    { id: 'e3', source: 'm', sourceHandle: 'out', target: 'o', targetHandle: 'x' },
  ],
};

const textOf = (value: unknown) => JSON.stringify(value);
const errorOf = (text: string): string => {
  const result = parseGraphDocument(text);
  if (result.ok) throw new Error('expected the parse to fail');
  return result.error;
};

describe('parseGraphDocument', () => {
  it('reads a valid file, filling defaults', () => {
    const result = parseGraphDocument(textOf({ ...apple, name: undefined }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.name).toBe('Untitled');
      expect(result.document.nodes.map((n) => n.id)).toEqual(['a', 'n', 'm', 'o']);
    }
  });

  it('refuses text that is not JSON, saying where it went wrong (not the engine’s sentence)', () => {
    expect(errorOf('{"format": ')).toBe('the file is not valid JSON: it ends too early (a bracket or a quote is never closed)');
    expect(errorOf('{\n  "format": "backprop-studio-graph",\n  "version": 1,\n}')).toBe('the file is not valid JSON: something is wrong at line 4, column 1');
    expect(errorOf('nope')).toBe('the file is not valid JSON');
  });

  it('refuses JSON that is not a Backprop Studio graph', () => {
    expect(errorOf('[1, 2]')).toBe('the file is not a Backprop Studio graph: it holds no JSON object');
    expect(errorOf('{"nodes": []}')).toBe(`the file is not a Backprop Studio graph: it has no "format" field, expected "format": "${FORMAT}"`);
    expect(errorOf('{"format": "other"}')).toContain('it has "format": "other"');
  });

  it('names the place of a wrong shape in words, with what belongs there and what the file has', () => {
    const bad = structuredClone(apple) as unknown as { nodes: { position: { x: unknown } }[]; edges: unknown };
    bad.nodes[2].position.x = 'left';
    expect(errorOf(textOf(bad))).toBe('the x coordinate of node m should be a number, but the file has the text "left"');
    const noEdges = { ...apple, edges: undefined };
    expect(errorOf(textOf(noEdges))).toBe('the list of edges ("edges") is missing: it should be a list [ … ]');
  });

  it('says at most five places, then how many more', () => {
    const many = { ...apple, nodes: Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, kind: 'Scalar', params: {} })), edges: [] };
    const result = parseGraphDocument(textOf(many));
    expect(!result.ok && result.errors).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => `the position of node n${i} ("position") is missing: it should be an object like { "x": 0, "y": 0 }`),
      '… and 3 more problems like these (not listed)',
    ]);
  });

  it('refuses a newer version with the versions named', () => {
    expect(errorOf(textOf({ ...apple, version: VERSION + 2 }))).toBe(
      `the file was created by a newer version of Backprop Studio (file version ${VERSION + 2}, this app reads up to ${VERSION})`,
    );
  });

  it('refuses duplicate node and edge ids', () => {
    const dupNode = { ...apple, nodes: [...apple.nodes, { ...apple.nodes[0], position: { x: 5, y: 5 } }] };
    expect(errorOf(textOf(dupNode))).toBe('two nodes have the id a');
    const dupEdge = { ...apple, edges: [...apple.edges, { ...apple.edges[0], targetHandle: 'y' }] };
    expect(errorOf(textOf(dupEdge))).toBe('two edges have the id e1');
  });

  it('refuses an edge to a node that does not exist', () => {
    const dangling = { ...apple, edges: [...apple.edges, { id: 'e4', source: 'a', sourceHandle: 'out', target: 'n9', targetHandle: 'x' }] };
    expect(errorOf(textOf(dangling))).toBe('edge e4 points to node n9, which does not exist');
  });

  it('refuses a port the node kind does not have', () => {
    const badPort = { ...apple, edges: [...apple.edges.slice(0, 2), { ...apple.edges[2], targetHandle: 'grad' }] };
    expect(errorOf(textOf(badPort))).toBe('edge e3 enters Output node o at input grad, which it does not have (its inputs: x)');
  });

  it('migrates a version 0 file (links with from/to, positions as x/y)', () => {
    const v0 = {
      format: FORMAT,
      version: 0,
      name: 'old apple',
      nodes: apple.nodes.map(({ position, ...rest }) => ({ ...rest, x: position.x, y: position.y })),
      links: apple.edges.map((e) => ({ id: e.id, from: { node: e.source, port: e.sourceHandle }, to: { node: e.target, port: e.targetHandle } })),
    };
    const result = parseGraphDocument(textOf(v0));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.document.version).toBe(VERSION);
      expect(result.document.edges).toEqual(apple.edges);
      expect(result.document.nodes.map((n) => n.position)).toEqual(apple.nodes.map((n) => n.position));
      expect(result.document.name).toBe('old apple');
    }
  });
});

describe('serializeGraphDocument', () => {
  it('round-trips and is stable whatever the key order', () => {
    const text = serializeGraphDocument(apple);
    const result = parseGraphDocument(text);
    expect(result.ok && result.document).toEqual(apple);
    const shuffled = JSON.parse(textOf({ edges: apple.edges, nodes: apple.nodes, name: apple.name, version: VERSION, format: FORMAT }));
    expect(serializeGraphDocument(shuffled)).toBe(text);
  });

  it('keeps positions and small matrices on one line', () => {
    const withMatrix: GraphDocument = {
      ...apple,
      nodes: [...apple.nodes, { id: 't', kind: 'Tensor', position: { x: 1, y: 2 }, params: { value: [[1, 2], [3, 4]] } }],
    };
    const text = serializeGraphDocument(withMatrix);
    expect(text).toContain('"position": { "x": 1, "y": 2 }');
    expect(text).toContain('"value": [[1, 2], [3, 4]]');
    expect(text.endsWith('}\n')).toBe(true);
  });
});
