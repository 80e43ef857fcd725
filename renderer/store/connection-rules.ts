/** Why a new edge would be refused, as a sentence, or null when it may be added. */
export interface EdgeEnds {
  readonly source: string;
  readonly sourceHandle?: string | null;
  readonly target: string;
  readonly targetHandle?: string | null;
}

export function refuseConnection(edges: readonly EdgeEnds[], candidate: EdgeEnds, nodeTitle: (id: string) => string): string | null {
  if (!candidate.sourceHandle || !candidate.targetHandle) return 'A connection needs an output port and an input port.';
  if (candidate.source === candidate.target) {
    return `Connecting ${nodeTitle(candidate.source)} to itself would make a cycle.`;
  }
  const occupied = edges.find((e) => e.target === candidate.target && e.targetHandle === candidate.targetHandle);
  if (occupied) {
    return `Input ${candidate.targetHandle} of ${nodeTitle(candidate.target)} is already fed by ${nodeTitle(occupied.source)}; delete that edge first.`;
  }
  if (reaches(edges, candidate.target, candidate.source)) {
    return `Connecting ${nodeTitle(candidate.source)} to ${nodeTitle(candidate.target)} would make a cycle.`;
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
