import type { GraphDocument, GraphEdge, GraphNode } from '../document';
import { COMPOSITES, innerId, LABEL_SEPARATOR, portRef, type CompositeDefinition } from './definitions';
import { inBand } from './expand';

export type CollapseResult =
  | { readonly ok: true; readonly document: GraphDocument; readonly nodeId: string }
  | { readonly ok: false; readonly reason: 'not-in-group' | 'changed' | 'id-taken'; readonly compositeId?: string };

/** The composite a node belongs to, if its id says it was opened from one: the composite's id and definition. */
export function groupOf(document: GraphDocument, nodeId: string): { compositeId: string; definition: CompositeDefinition } | undefined {
  const split = nodeId.lastIndexOf('__');
  if (split <= 0) return undefined;
  const compositeId = nodeId.slice(0, split);
  const key = nodeId.slice(split + 2);
  const candidates = COMPOSITES.filter((c) => c.inner.some((n) => n.key === key));
  // Two definitions could share a key; the one whose nodes are all there wins.
  return candidates
    .map((definition) => ({ compositeId, definition }))
    .find(({ definition }) => definition.inner.every((n) => document.nodes.some((d) => d.id === innerId(compositeId, n.key) && d.kind === n.kind)));
}

/**
 * Puts an opened composite back into one node, when its group is as expand left it: the same inner
 * nodes and constants, the same edges among them, and nothing outside reading or feeding an inner
 * port other than the composite's own inputs and outputs. Nodes expand moved aside move back.
 */
export function collapseComposite(document: GraphDocument, memberId: string): CollapseResult {
  const group = groupOf(document, memberId);
  if (!group) return { ok: false, reason: 'not-in-group' };
  const { compositeId, definition } = group;
  if (document.nodes.some((n) => n.id === compositeId)) return { ok: false, reason: 'id-taken', compositeId };
  const members = new Map(definition.inner.map((n) => [innerId(compositeId, n.key), n]));
  if (!unchanged(document, compositeId, definition, members)) return { ok: false, reason: 'changed', compositeId };

  const first = document.nodes.find((n) => n.id === innerId(compositeId, definition.inner[0].key))!;
  const origin = { x: first.position.x - definition.inner[0].dx, y: first.position.y - definition.inner[0].dy };
  const outputNode = document.nodes.find((n) => n.id === innerId(compositeId, portRef(Object.values(definition.outputs)[0]).key))!;
  const separator = outputNode.label?.lastIndexOf(LABEL_SEPARATOR) ?? -1;
  const label = separator > 0 ? outputNode.label!.slice(0, separator) : undefined;
  const composite: GraphNode = { id: compositeId, kind: definition.kind, ...(label ? { label } : {}), position: origin, params: {} };

  const nodes: GraphNode[] = [];
  for (const n of document.nodes) {
    if (n.id === first.id) nodes.push(composite);
    else if (members.has(n.id)) continue;
    else nodes.push(n.position.x > origin.x + definition.width && inBand(n, origin) ? { ...n, position: { x: n.position.x - definition.width, y: n.position.y } } : n);
  }
  const inputOf = new Map(Object.entries(definition.inputs).map(([outer, ref]) => [ref, outer]));
  const outputOf = new Map(Object.entries(definition.outputs).map(([outer, ref]) => [ref, outer]));
  const edges: GraphEdge[] = [];
  for (const e of document.edges) {
    const fromInner = members.get(e.source);
    const toInner = members.get(e.target);
    if (fromInner && toInner) continue;
    if (toInner) edges.push({ ...e, target: compositeId, targetHandle: inputOf.get(`${toInner.key}.${e.targetHandle}`)! });
    else if (fromInner) edges.push({ ...e, source: compositeId, sourceHandle: outputOf.get(`${fromInner.key}.${e.sourceHandle}`)! });
    else edges.push(e);
  }
  return { ok: true, document: { ...document, nodes, edges }, nodeId: compositeId };
}

function unchanged(document: GraphDocument, compositeId: string, definition: CompositeDefinition, members: Map<string, CompositeDefinition['inner'][number]>): boolean {
  for (const [id, spec] of members) {
    const node = document.nodes.find((n) => n.id === id);
    if (!node || node.kind !== spec.kind) return false;
    for (const [name, value] of Object.entries(spec.params ?? {})) if (node.params[name] !== value) return false;
  }
  const internal = new Set(definition.internal.map(([from, to]) => `${from}->${to}`));
  const seenInternal = new Set<string>();
  const inputs = new Set(Object.values(definition.inputs));
  const outputs = new Set(Object.values(definition.outputs));
  for (const e of document.edges) {
    const from = members.get(e.source);
    const to = members.get(e.target);
    if (from && to) {
      const key = `${from.key}.${e.sourceHandle}->${to.key}.${e.targetHandle}`;
      if (!internal.has(key)) return false;
      seenInternal.add(key);
    } else if (to && !inputs.has(`${to.key}.${e.targetHandle}`)) return false;
    else if (from && !outputs.has(`${from.key}.${e.sourceHandle}`)) return false;
  }
  return seenInternal.size === internal.size && compositeId.length > 0;
}
