import type { GraphEdge } from './document';

/**
 * Kahn's algorithm, always taking the ready node that comes first in the document (a heap of document
 * positions): O((nodes + edges) log nodes). `nodeIds` are unique, in document order; edges join them.
 */
export function topologicalOrder(nodeIds: readonly string[], edges: Iterable<GraphEdge>): { order: string[]; cycles: string[][] } {
  const position = new Map<string, number>();
  nodeIds.forEach((id, i) => position.set(id, i));
  const indegree = new Int32Array(nodeIds.length);
  const successors: number[][] = nodeIds.map(() => []);
  const predecessors: number[][] = nodeIds.map(() => []);
  for (const e of edges) {
    const from = position.get(e.source);
    const to = position.get(e.target);
    if (from === undefined || to === undefined) continue;
    indegree[to]++;
    successors[from].push(to);
    predecessors[to].push(from);
  }
  const ready = new MinHeap();
  for (let i = 0; i < nodeIds.length; i++) if (indegree[i] === 0) ready.push(i);
  const placed = new Uint8Array(nodeIds.length);
  const order: string[] = [];
  while (ready.size > 0) {
    const next = ready.pop();
    placed[next] = 1;
    order.push(nodeIds[next]);
    for (const s of successors[next]) if (--indegree[s] === 0) ready.push(s);
  }
  const stuck: number[] = [];
  for (let i = 0; i < nodeIds.length; i++) if (!placed[i]) stuck.push(i);
  return { order, cycles: findCycles(stuck, predecessors, placed).map((cycle) => cycle.map((i) => nodeIds[i])) };
}

/**
 * The distinct cycles among the nodes Kahn's algorithm could not place. Every such node has a
 * predecessor that was not placed either, so walking backward always ends on a cycle; nodes merely
 * downstream of a cycle are never reported as part of one.
 */
function findCycles(stuck: readonly number[], predecessors: readonly number[][], placed: Uint8Array): number[][] {
  const reported = new Uint8Array(placed.length);
  const cycles: number[][] = [];
  for (const start of stuck) {
    const path: number[] = [];
    const seenAt = new Map<number, number>();
    let current = start;
    while (!seenAt.has(current) && !reported[current]) {
      seenAt.set(current, path.length);
      path.push(current);
      current = predecessors[current].find((p) => !placed[p])!;
    }
    // Everything walked is now known: on this cycle, or leading into one already reported.
    for (const i of path) reported[i] = 1;
    if (!seenAt.has(current)) continue;
    const cycle = path.slice(seenAt.get(current)!).reverse();
    // Start the sentence at the cycle's first node in document order, so it reads the same every time.
    const first = cycle.reduce((best, node, i) => (node < cycle[best] ? i : best), 0);
    cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
  }
  return cycles;
}

/** A binary heap of numbers, smallest first. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    let i = items.push(value) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && items[child + 1] < items[child]) child++;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
