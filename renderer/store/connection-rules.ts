import { statusOf, type NodeRef, type StatusMessage } from './status-message';

/** Why a new edge would be refused, as a catalog key and values (written in the UI language), or null when it may be added. */
export interface EdgeEnds {
  readonly source: string;
  readonly sourceHandle?: string | null;
  readonly target: string;
  readonly targetHandle?: string | null;
}

export function refuseConnection(edges: readonly EdgeEnds[], candidate: EdgeEnds, node: (id: string) => NodeRef): StatusMessage | null {
  if (!candidate.sourceHandle || !candidate.targetHandle) return statusOf('status:refuseNoPorts');
  if (candidate.source === candidate.target) return statusOf('status:refuseSelf', { node: node(candidate.source) });
  const occupied = edges.find((e) => e.target === candidate.target && e.targetHandle === candidate.targetHandle);
  if (occupied) {
    return statusOf('status:refuseFed', { port: candidate.targetHandle, target: node(candidate.target), source: node(occupied.source) });
  }
  if (reaches(edges, candidate.target, candidate.source)) {
    return statusOf('status:refuseCycle', { source: node(candidate.source), target: node(candidate.target) });
  }
  return null;
}

/** Whether following edges forward from `from` reaches `to`. */
export function reaches(edges: readonly EdgeEnds[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const list = next.get(e.source);
    if (list) list.push(e.target);
    else next.set(e.source, [e.target]);
  }
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const t of next.get(id) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return false;
}
