import { compile } from '../../app/graph/compile';
import type { GraphDocument } from '../../app/graph/document';
import { getOp, hasOp } from '../../app/ops/registry';
import { documentToFlow, flowToDocument, type FlowNode } from './flow-document';
import type { GetGraph, GraphStore, SetGraph } from './graph-state';
import { recordChange } from './history';
import { NO_VALUES } from './run-view';
import type { StatusMessage } from './status-message';

// The transitions several slices share: an edit, and showing another document (open, new, undo).

export function documentOf(s: GraphStore): GraphDocument {
  return flowToDocument(s.nodes, s.edges, { name: s.name, description: s.description, tensors: s.tensors });
}

/** Values computed for another graph mean nothing for this one. */
export const NOTHING_RUN = { executor: null, run: NO_VALUES } as const;

/** Applies an edit: records undo, recompiles, drops the stale values. */
export function commitChange(set: SetGraph, get: GetGraph, patch: Partial<GraphStore>, status?: StatusMessage): void {
  const before = get();
  set({
    ...patch,
    history: recordChange(before.history, documentOf(before)),
    dirty: true,
    plan: compile(documentOf({ ...before, ...patch })),
    ...NOTHING_RUN,
    error: null,
    ...(status !== undefined ? { status } : {}),
  });
}

/** Puts a document on the canvas; `keepSelection` keeps what was selected (undo/redo). */
export function showDocument(set: SetGraph, get: GetGraph, doc: GraphDocument, patch: Partial<GraphStore>, keepSelection = false): void {
  let { nodes, edges } = documentToFlow(doc);
  if (keepSelection) {
    const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
    nodes = nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
    const selectedEdges = new Set(get().edges.filter((e) => e.selected).map((e) => e.id));
    edges = edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e));
  }
  set({
    nodes,
    edges,
    name: doc.name,
    description: doc.description,
    tensors: doc.tensors ? { ...doc.tensors } : undefined,
    plan: compile(doc),
    ...NOTHING_RUN,
    error: null,
    ...patch,
  });
}

export function nodeTitle(nodes: readonly FlowNode[], id: string): string {
  const n = nodes.find((x) => x.id === id);
  if (!n) return id;
  return n.data.label || (hasOp(n.data.kind) ? getOp(n.data.kind).title : n.data.kind);
}
