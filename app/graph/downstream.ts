import type { Plan } from './compile';

/** The given nodes (when `inclusive`) and every node reachable from them along edges. */
export function downstreamOf(plan: Plan, nodeIds: Iterable<string>, inclusive: boolean): Set<string> {
  const start = [...nodeIds].filter((id) => plan.nodes.has(id));
  const reached = new Set<string>(inclusive ? start : []);
  const stack = [...start];
  while (stack.length > 0) {
    const pn = plan.nodes.get(stack.pop()!)!;
    for (const edges of Object.values(pn.outputEdges)) {
      for (const e of edges) {
        if (!reached.has(e.target)) {
          reached.add(e.target);
          stack.push(e.target);
        }
      }
    }
  }
  return reached;
}
