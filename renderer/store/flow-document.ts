import type { Edge, Node } from '@xyflow/react';
import type { GraphDocument, StoredTensor } from '../../app/graph/document';
import { FORMAT, VERSION } from '../../app/graph/document';
import type { ParamValue } from '../../app/ops/op';

/** What a canvas node carries: the document's fields; everything computed lives in the store. */
export type OpNodeData = {
  kind: string;
  label?: string;
  params: Record<string, ParamValue>;
};

export type FlowNode = Node<OpNodeData, 'op'>;
export type FlowEdge = Edge<Record<string, never>, 'value'>;

export interface DocumentMeta {
  readonly name: string;
  readonly description?: string;
  readonly tensors?: Readonly<Record<string, StoredTensor>>;
}

export function documentToFlow(doc: GraphDocument): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = doc.nodes.map((n) => ({
    id: n.id,
    type: 'op',
    position: { x: n.position.x, y: n.position.y },
    data: { kind: n.kind, label: n.label, params: { ...n.params } },
  }));
  const edges: FlowEdge[] = doc.edges.map((e) => ({
    id: e.id,
    type: 'value',
    source: e.source,
    sourceHandle: e.sourceHandle,
    target: e.target,
    targetHandle: e.targetHandle,
  }));
  return { nodes, edges };
}

export function flowToDocument(nodes: readonly FlowNode[], edges: readonly FlowEdge[], meta: DocumentMeta): GraphDocument {
  const ids = new Set(nodes.map((n) => n.id));
  const tensors = meta.tensors ? Object.fromEntries(Object.entries(meta.tensors).filter(([id]) => ids.has(id))) : undefined;
  return {
    format: FORMAT,
    version: VERSION,
    name: meta.name,
    ...(meta.description !== undefined ? { description: meta.description } : {}),
    nodes: nodes.map((n) => ({
      id: n.id,
      kind: n.data.kind,
      ...(n.data.label ? { label: n.data.label } : {}),
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
      params: { ...n.data.params },
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? '',
      target: e.target,
      targetHandle: e.targetHandle ?? '',
    })),
    ...(tensors && Object.keys(tensors).length > 0 ? { tensors } : {}),
  };
}

/** A fresh id like "mul-3" that no existing id uses. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  const base = prefix.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'node';
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}
