import { describe, expect, it } from 'vitest';
import { MAX_GRAPH_ELEMENTS, MAX_NODES, MAX_TENSOR_ELEMENTS } from '../limits';
import { compile } from './compile';
import { emptyDocument, type GraphDocument, type GraphEdge, type GraphNode } from './document';
import { parseGraphDocument, parseGraphValue } from './parse';
import { groupDigits } from './problems';

const at = { x: 0, y: 0 };
const node = (id: string, kind: string, params: GraphNode['params'] = {}): GraphNode => ({ id, kind, position: at, params });
const edge = (id: string, source: string, sourceHandle: string, target: string, targetHandle: string): GraphEdge => ({ id, source, sourceHandle, target, targetHandle });
const doc = (nodes: GraphNode[], edges: GraphEdge[] = []): GraphDocument => ({ ...emptyDocument(), nodes, edges });
const withOutput = (id: string, nodes: GraphNode[], edges: GraphEdge[] = []) => doc([...nodes, node('out', 'Output')], [...edges, edge('e-out', id, 'out', 'out', 'x')]);

describe('tensor size limits (issue 8, defect 2)', () => {
  it('refuses a 40000×40000 Parameter in one sentence naming the node and the limit', () => {
    const plan = compile(withOutput('W1', [node('W1', 'Parameter', { rows: 40000, cols: 40000 })]));
    expect(plan.ok).toBe(false);
    expect(plan.errors.map((e) => e.message)).toEqual(['Parameter node W1: 40000×40000 is 1,600,000,000 values; one tensor may hold at most 67,108,864']);
    expect(plan.errors[0]).toMatchObject({ code: 'tensor_too_big', nodeId: 'W1' });
  });

  it('refuses 1e9×1e9 without a raw typed-array error', () => {
    const text = JSON.stringify(withOutput('W', [node('W', 'Parameter', { rows: 1e9, cols: 1e9 })]));
    const parsed = parseGraphDocument(text);
    expect(parsed.ok).toBe(true);
    const plan = compile(parsed.ok ? parsed.document : emptyDocument());
    expect(plan.errors[0].message).toBe('Parameter node W: 1000000000×1000000000 is 1,000,000,000,000,000,000 values; one tensor may hold at most 67,108,864');
  });

  it('bounds an MnistBatch batch size by the MNIST batch limit', () => {
    const batch = node('m', 'MnistBatch', { batchSize: 1_000_000 });
    const plan = compile(doc([batch, node('o', 'Output')], [edge('e', 'm', 'x', 'o', 'x')]));
    expect(plan.errors.map((e) => e.message)).toEqual(["MNIST batch node m: parameter 'batchSize' must be an integer from 1 to 10000, got 1000000"]);
  });

  it('refuses an op whose inferred output is over the limit (an outer product)', () => {
    const column = node('a', 'Parameter', { rows: 20000, cols: 1 });
    const row = node('b', 'Parameter', { rows: 1, cols: 20000 });
    const plan = compile(withOutput('mm', [column, row, node('mm', 'MatMul')], [edge('e1', 'a', 'out', 'mm', 'x'), edge('e2', 'b', 'out', 'mm', 'W')]));
    expect(plan.errors.map((e) => e.message)).toEqual(['dot node mm: 20000×20000 is 400,000,000 values; one tensor may hold at most 67,108,864']);
  });

  it('refuses a graph whose tensors together are over the graph limit', () => {
    const rows = MAX_TENSOR_ELEMENTS / 1024;
    const big = (id: string) => node(id, 'Parameter', { rows, cols: 1024 });
    const plan = compile(withOutput('p1', [big('p1'), big('p2'), big('p3')]));
    expect(plan.errors.map((e) => e.code)).toEqual(['graph_too_big']);
    expect(plan.errors[0].message).toBe(`the graph's tensors hold 201,326,592 values together; one graph may hold at most ${MAX_GRAPH_ELEMENTS.toLocaleString('en-US')}`);
  });
});

describe('graph size limits', () => {
  it('refuses more nodes than MAX_NODES with a sentence, before compiling', () => {
    const nodes = Array.from({ length: MAX_NODES + 1 }, (_, i) => node(`n${i}`, 'Scalar'));
    const parsed = parseGraphValue(doc(nodes));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toEqual([`the list of nodes ("nodes") has ${groupDigits(MAX_NODES + 1)} entries; a graph may have at most ${groupDigits(MAX_NODES)}`]);
  }, 60_000);
});
