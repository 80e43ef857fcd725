import type { Plan } from '../graph/compile';

/**
 * What a learner calls the value leaving a port: the node's label (or id), and the port when the
 * node has several. A value read only by an Output is named by that Output ("total price"), as the
 * chapter names ∂L/∂total.
 */
export function valueName(plan: Plan, nodeId: string, port: string): string {
  const pn = plan.nodes.get(nodeId);
  if (!pn) return nodeId;
  const readers = pn.outputEdges[port] ?? [];
  if (readers.length === 1) {
    const reader = plan.nodes.get(readers[0].target);
    if (reader?.op?.terminal && reader.node.label) return reader.node.label;
  }
  const base = pn.node.label ?? pn.node.id;
  return (pn.op?.outputs.length ?? 1) > 1 ? `${base}.${port}` : base;
}

/** The value an input port reads: the name of whatever feeds it. */
export function inputName(plan: Plan, nodeId: string, port: string): string {
  const edge = plan.nodes.get(nodeId)?.inputEdges[port];
  return edge ? valueName(plan, edge.source, edge.sourceHandle) : `${nodeId}.${port}`;
}

/** A name inside KaTeX's \text{…}, with the characters TeX treats specially escaped. */
export function texText(name: string): string {
  const escaped = name.replace(/[\\{}$&#^_%~]/g, (c) => (c === '\\' ? '\\textbackslash{}' : c === '^' ? '\\^{}' : c === '~' ? '\\~{}' : `\\${c}`));
  return /^[A-Za-z]$/.test(name) ? name : `\\text{${escaped}}`;
}
