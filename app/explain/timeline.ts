/**
 * The step timeline: position 0 is before the first step, positions 1…n each add one node's forward
 * step (in topological order), n+1…2n one node's backward step (in reverse order).
 */
export interface TimelineEntry {
  readonly position: number;
  readonly direction: 'forward' | 'backward';
  readonly nodeId: string;
  /** The node's place in the execution order, from 1, as on the node's badge. */
  readonly number: number;
}

export function timelineEntries(order: readonly string[]): TimelineEntry[] {
  const n = order.length;
  return [
    ...order.map((nodeId, i) => ({ position: i + 1, direction: 'forward' as const, nodeId, number: i + 1 })),
    ...order
      .map((nodeId, i) => ({ nodeId, number: i + 1 }))
      .reverse()
      .map((e, k) => ({ position: n + k + 1, direction: 'backward' as const, ...e })),
  ];
}

export function positionOf(forwardSteps: number, backwardSteps: number): number {
  return forwardSteps + backwardSteps;
}

/** How many forward and backward steps a position means. */
export function stepsAt(position: number, nodeCount: number): { forward: number; backward: number } {
  const p = Math.max(0, Math.min(position, 2 * nodeCount));
  return { forward: Math.min(p, nodeCount), backward: Math.max(0, p - nodeCount) };
}
