import { getOp, hasOp } from '../../ops/registry';
import type { GraphDocument, GraphEdge, GraphNode } from '../document';
import { BAND, compositeFor, innerEdgeId, innerId, LABEL_SEPARATOR, portRef, type CompositeDefinition } from './definitions';

export type ExpandResult =
  | { readonly ok: true; readonly document: GraphDocument; readonly nodeIds: readonly string[] }
  | { readonly ok: false; readonly reason: 'no-node' | 'not-composite' | 'id-taken'; readonly id?: string };

/** Whether a node level with `center` (the composite's position) sits in the band an opened composite takes. */
export function inBand(node: GraphNode, center: GraphNode['position']): boolean {
  return node.position.y >= center.y - BAND.above && node.position.y <= center.y + BAND.below;
}

/**
 * Opens a composite node into its primitive nodes (Sigmoid → × (−1), exp, + 1, 1/x; Affine → dot,
 * + b; Softmax-with-Loss → Softmax, Cross-entropy). The outer edges keep their ids and now meet the
 * inner nodes, so every value and gradient on them stays what it was. Nodes level with it and to
 * its right move aside. Pure: returns a new document.
 */
export function expandComposite(document: GraphDocument, nodeId: string): ExpandResult {
  const node = document.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: 'no-node' };
  const definition = compositeFor(node.kind);
  if (!definition) return { ok: false, reason: 'not-composite' };
  const taken = new Set([...document.nodes.map((n) => n.id), ...document.edges.map((e) => e.id)]);
  const newIds = [...definition.inner.map((n) => innerId(nodeId, n.key)), ...definition.internal.map((_, i) => innerEdgeId(nodeId, i))];
  const clash = newIds.find((id) => taken.has(id));
  if (clash) return { ok: false, reason: 'id-taken', id: clash };

  const inner = innerNodes(definition, node);
  const nodes: GraphNode[] = [];
  for (const n of document.nodes) {
    if (n.id === nodeId) nodes.push(...inner);
    else nodes.push(n.position.x > node.position.x && inBand(n, node.position) ? { ...n, position: { x: n.position.x + definition.width, y: n.position.y } } : n);
  }
  const edges: GraphEdge[] = document.edges.map((e) => {
    if (e.target === nodeId && definition.inputs[e.targetHandle]) {
      const to = portRef(definition.inputs[e.targetHandle]);
      return { ...e, target: innerId(nodeId, to.key), targetHandle: to.port };
    }
    if (e.source === nodeId && definition.outputs[e.sourceHandle]) {
      const from = portRef(definition.outputs[e.sourceHandle]);
      return { ...e, source: innerId(nodeId, from.key), sourceHandle: from.port };
    }
    return e;
  });
  definition.internal.forEach(([fromRef, toRef], i) => {
    const from = portRef(fromRef);
    const to = portRef(toRef);
    edges.push({ id: innerEdgeId(nodeId, i), source: innerId(nodeId, from.key), sourceHandle: from.port, target: innerId(nodeId, to.key), targetHandle: to.port });
  });
  return { ok: true, document: { ...document, nodes, edges }, nodeIds: inner.map((n) => n.id) };
}

function innerNodes(definition: CompositeDefinition, node: GraphNode): GraphNode[] {
  const title = hasOp(node.kind) ? getOp(node.kind).title : node.kind;
  const prefix = node.label && node.label !== title ? `${node.label}${LABEL_SEPARATOR}` : '';
  return definition.inner.map((n) => ({
    id: innerId(node.id, n.key),
    kind: n.kind,
    label: `${prefix}${n.label}`,
    position: { x: node.position.x + n.dx, y: node.position.y + n.dy },
    params: { ...(n.params ?? {}) },
  }));
}
