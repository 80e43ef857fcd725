import { MAX_EDGES, MAX_NODES } from '../limits';
import { graphDocumentSchema, type GraphDocument, type GraphEdge, type GraphNode } from './document';
import type { ParamValue } from '../ops/op';

/**
 * The common case of reading a graph file, checked by hand: zod walks 100,000 nodes about ten times
 * slower than a plain loop. graphDocumentSchema stays the source of truth: this returns a document only
 * when every node and edge is one the schema certainly accepts, built exactly as zod builds its output
 * (fields in the schema's order, unknown fields dropped, defaults filled, fresh objects and lists), and
 * lets zod parse the rest of the file. Anything it is unsure of gives undefined: zod then decides, and
 * words the error. Meant for values made by JSON.parse (plain objects, no symbol keys).
 */
export function wellFormedDocument(raw: Record<string, unknown>): GraphDocument | undefined {
  const rawNodes = raw.nodes;
  const rawEdges = raw.edges;
  if (!Array.isArray(rawNodes) || rawNodes.length > MAX_NODES || !Array.isArray(rawEdges) || rawEdges.length > MAX_EDGES) return undefined;
  const nodes: GraphNode[] = new Array(rawNodes.length);
  for (let i = 0; i < rawNodes.length; i++) {
    const node = wellFormedNode(rawNodes[i]);
    if (!node) return undefined;
    nodes[i] = node;
  }
  const edges: GraphEdge[] = new Array(rawEdges.length);
  for (let i = 0; i < rawEdges.length; i++) {
    const edge = wellFormedEdge(rawEdges[i]);
    if (!edge) return undefined;
    edges[i] = edge;
  }
  // The few other fields (and stored tensors) go through the schema itself; its output keeps the fields in order.
  const head = graphDocumentSchema.safeParse({ ...raw, nodes: [], edges: [] });
  if (!head.success) return undefined;
  head.data.nodes = nodes;
  head.data.edges = edges;
  return head.data;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function wellFormedNode(value: unknown): GraphNode | undefined {
  if (!isObject(value)) return undefined;
  const { id, kind, label, position, params } = value;
  if (!isName(id) || !isName(kind) || !isObject(position)) return undefined;
  const { x, y } = position;
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return undefined;
  const copied = params === undefined ? {} : wellFormedParams(params);
  if (!copied) return undefined;
  if (!('label' in value)) return { id, kind, position: { x, y }, params: copied };
  if (label !== undefined && typeof label !== 'string') return undefined;
  return { id, kind, label, position: { x, y }, params: copied };
}

function wellFormedParams(params: unknown): Record<string, ParamValue> | undefined {
  if (!isObject(params) || Object.getPrototypeOf(params) !== Object.prototype) return undefined;
  const copied: Record<string, ParamValue> = {};
  for (const key in params) {
    // zod drops a __proto__ key rather than assign it: leave that (and anything inherited) to zod.
    if (key === '__proto__' || !Object.hasOwn(params, key)) return undefined;
    const value = wellFormedParamValue(params[key]);
    if (value === undefined) return undefined;
    copied[key] = value;
  }
  return copied;
}

/** paramValueSchema: a number, a string, true/false, null, a list of numbers or a list of lists of numbers. */
function wellFormedParamValue(value: unknown): ParamValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value)) return value;
  if (!Array.isArray(value)) return undefined;
  const numbers = numberList(value);
  if (numbers) return numbers;
  const rows: number[][] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const row = Array.isArray(value[i]) ? numberList(value[i]) : undefined;
    if (!row) return undefined;
    rows[i] = row;
  }
  return rows;
}

function numberList(list: readonly unknown[]): number[] | undefined {
  const copy: number[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isFiniteNumber(v)) return undefined;
    copy[i] = v;
  }
  return copy;
}

function wellFormedEdge(value: unknown): GraphEdge | undefined {
  if (!isObject(value)) return undefined;
  const { id, source, sourceHandle, target, targetHandle } = value;
  if (!isName(id) || !isName(source) || !isName(sourceHandle) || !isName(target) || !isName(targetHandle)) return undefined;
  return { id, source, sourceHandle, target, targetHandle };
}
