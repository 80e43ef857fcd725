import { MAX_EDGES, MAX_NODES } from '../limits';
import { graphDocumentSchema, type GraphDocument, type GraphEdge, type GraphNode } from './document';
import type { ParamValue } from '../ops/op';

/**
 * The common case of reading a graph file, checked by hand: zod walks 100,000 nodes several times
 * slower than a plain loop. graphDocumentSchema stays the source of truth: this returns a document only
 * when every node and edge is one the schema certainly accepts, equal to what zod would make of it
 * (fields in the schema's order, unknown fields dropped, defaults filled), and lets zod parse the rest of
 * the file. Anything it is unsure of gives undefined: zod then decides, and words the error. Meant for
 * values made by JSON.parse (plain objects, no symbol keys). When the caller `owns` the value (it parsed
 * the text itself), a node or edge that already has exactly the schema's fields, in order, is kept as it
 * is rather than copied; otherwise every object and list is fresh, as zod's are.
 */
export function wellFormedDocument(raw: Record<string, unknown>, owns = false): GraphDocument | undefined {
  const rawNodes = raw.nodes;
  const rawEdges = raw.edges;
  if (!Array.isArray(rawNodes) || rawNodes.length > MAX_NODES || !Array.isArray(rawEdges) || rawEdges.length > MAX_EDGES) return undefined;
  const nodes: GraphNode[] = new Array(rawNodes.length);
  for (let i = 0; i < rawNodes.length; i++) {
    const node = wellFormedNode(rawNodes[i], owns);
    if (!node) return undefined;
    nodes[i] = node;
  }
  const edges: GraphEdge[] = new Array(rawEdges.length);
  for (let i = 0; i < rawEdges.length; i++) {
    const edge = wellFormedEdge(rawEdges[i], owns);
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

const NODE_FIELDS = ['id', 'kind', 'position', 'params'];
const LABELLED_NODE_FIELDS = ['id', 'kind', 'label', 'position', 'params'];
const POSITION_FIELDS = ['x', 'y'];
const EDGE_FIELDS = ['id', 'source', 'sourceHandle', 'target', 'targetHandle'];

/** The object's enumerable fields are exactly these, in this order (what zod's output would have). */
function hasExactly(value: object, fields: readonly string[]): boolean {
  let i = 0;
  for (const key in value) if (key !== fields[i++]) return false;
  return i === fields.length;
}

function wellFormedNode(value: unknown, owns: boolean): GraphNode | undefined {
  if (!isObject(value)) return undefined;
  const { id, kind, label, position, params } = value;
  if (!isName(id) || !isName(kind) || !isObject(position)) return undefined;
  const { x, y } = position;
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return undefined;
  const labelled = 'label' in value;
  if (labelled && label !== undefined && typeof label !== 'string') return undefined;
  if (params !== undefined && !wellFormedParams(params)) return undefined;
  if (owns && params !== undefined && hasExactly(value, labelled ? LABELLED_NODE_FIELDS : NODE_FIELDS) && hasExactly(position, POSITION_FIELDS)) {
    return value as GraphNode;
  }
  const copied = params === undefined ? {} : copyParams(params as Record<string, ParamValue>);
  if (!labelled) return { id, kind, position: { x, y }, params: copied };
  return { id, kind, label: label as string | undefined, position: { x, y }, params: copied };
}

function wellFormedParams(params: unknown): boolean {
  if (!isObject(params) || Object.getPrototypeOf(params) !== Object.prototype) return false;
  for (const key in params) {
    // zod drops a __proto__ key rather than assign it: leave that (and anything inherited) to zod.
    if (key === '__proto__' || !Object.hasOwn(params, key) || !wellFormedParamValue(params[key])) return false;
  }
  return true;
}

/** paramValueSchema: a number, a string, true/false, null, a list of numbers or a list of lists of numbers. */
function wellFormedParamValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (!Array.isArray(value)) return isFiniteNumber(value);
  if (allFinite(value)) return true;
  for (let i = 0; i < value.length; i++) if (!Array.isArray(value[i]) || !allFinite(value[i])) return false;
  return true;
}

/** Indexed, not `every`: a hole in a list is a missing number to zod, and must be here too. */
function allFinite(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (!isFiniteNumber(list[i])) return false;
  return true;
}

function copyParams(params: Record<string, ParamValue>): Record<string, ParamValue> {
  const copied: Record<string, ParamValue> = {};
  for (const key in params) {
    const value = params[key];
    copied[key] = Array.isArray(value) ? value.map((v: number | number[]) => (Array.isArray(v) ? v.slice() : v)) as ParamValue : value;
  }
  return copied;
}

function wellFormedEdge(value: unknown, owns: boolean): GraphEdge | undefined {
  if (!isObject(value)) return undefined;
  const { id, source, sourceHandle, target, targetHandle } = value;
  if (!isName(id) || !isName(source) || !isName(sourceHandle) || !isName(target) || !isName(targetHandle)) return undefined;
  if (owns && hasExactly(value, EDGE_FIELDS)) return value as GraphEdge;
  return { id, source, sourceHandle, target, targetHandle };
}
