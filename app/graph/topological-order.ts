/**
 * Kahn's algorithm over nodes numbered 0…count−1 in document order, always taking the ready node that
 * comes first (a heap of numbers): O((nodes + edges) log nodes). Edge i joins `sources[i]` to
 * `targets[i]`. Adjacency is kept in flat typed arrays (compressed rows), so a graph of 100,000 nodes
 * costs a few arrays, not 100,000 small ones.
 */
export function topologicalOrder(count: number, sources: readonly number[], targets: readonly number[]): { order: Int32Array; cycles: number[][] } {
  const successors = adjacency(count, sources, targets);
  const indegree = new Int32Array(count);
  for (let i = 0; i < targets.length; i++) indegree[targets[i]]++;
  const ready = new MinHeap();
  for (let i = 0; i < count; i++) if (indegree[i] === 0) ready.push(i);
  const placed = new Uint8Array(count);
  const order = new Int32Array(count);
  let placedCount = 0;
  const { start, list } = successors;
  while (ready.size > 0) {
    const next = ready.pop();
    placed[next] = 1;
    order[placedCount++] = next;
    for (let k = start[next]; k < start[next + 1]; k++) if (--indegree[list[k]] === 0) ready.push(list[k]);
  }
  if (placedCount === count) return { order, cycles: [] };
  const stuck: number[] = [];
  for (let i = 0; i < count; i++) if (!placed[i]) stuck.push(i);
  return { order: order.subarray(0, placedCount), cycles: findCycles(stuck, adjacency(count, targets, sources), placed) };
}

/** Compressed rows: the neighbours of node i are list[start[i]] … list[start[i + 1] − 1], in edge order. */
interface Adjacency {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

function adjacency(count: number, from: readonly number[], to: readonly number[]): Adjacency {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < from.length; i++) start[from[i] + 1]++;
  for (let i = 0; i < count; i++) start[i + 1] += start[i];
  const fill = start.slice(0, count);
  const list = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) list[fill[from[i]]++] = to[i];
  return { start, list };
}

/**
 * The distinct cycles among the nodes Kahn's algorithm could not place. Every such node has a
 * predecessor that was not placed either, so walking backward always ends on a cycle; nodes merely
 * downstream of a cycle are never reported as part of one.
 */
function findCycles(stuck: readonly number[], predecessors: Adjacency, placed: Uint8Array): number[][] {
  const reported = new Uint8Array(placed.length);
  const cycles: number[][] = [];
  const firstUnplacedPredecessor = (node: number): number => {
    for (let k = predecessors.start[node]; k < predecessors.start[node + 1]; k++) if (!placed[predecessors.list[k]]) return predecessors.list[k];
    throw new Error(`node ${node} is stuck with no stuck predecessor`);
  };
  for (const start of stuck) {
    const path: number[] = [];
    const seenAt = new Map<number, number>();
    let current = start;
    while (!seenAt.has(current) && !reported[current]) {
      seenAt.set(current, path.length);
      path.push(current);
      current = firstUnplacedPredecessor(current);
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
