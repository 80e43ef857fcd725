import type { Plan } from '../graph/compile';
import type { GraphEdge } from '../graph/document';

/** A chain of edges from the explained edge to an edge entering a terminal node (an Output). */
export type EdgePath = readonly GraphEdge[];

export interface PathSearch {
  readonly paths: readonly EdgePath[];
  /** How many paths there are in all (may be more than listed when the search hit its limit). */
  readonly total: number;
}

/**
 * Every path from `edgeId` forward to a terminal node, in document order of the fan-out. Paths that
 * end at a node nobody reads contribute nothing to the loss and are left out. Counting is done
 * without listing, so a graph with millions of paths reports its total and lists only `limit`.
 */
export function pathsToLoss(plan: Plan, edgeId: string, limit: number): PathSearch {
  const start = plan.edges.get(edgeId);
  if (!start) return { paths: [], total: 0 };
  const counts = new Map<string, number>();
  const countFrom = (nodeId: string): number => {
    const known = counts.get(nodeId);
    if (known !== undefined) return known;
    const pn = plan.nodes.get(nodeId);
    let n = 0;
    if (pn?.op?.terminal) n = 1;
    else for (const edges of Object.values(pn?.outputEdges ?? {})) for (const e of edges) n += countFrom(e.target);
    counts.set(nodeId, n);
    return n;
  };
  const total = countFrom(start.target);

  const paths: GraphEdge[][] = [];
  const walk = (path: GraphEdge[]) => {
    if (paths.length >= limit) return;
    const last = path[path.length - 1];
    const pn = plan.nodes.get(last.target);
    if (pn?.op?.terminal) {
      paths.push(path);
      return;
    }
    for (const port of pn?.op?.outputs ?? []) {
      for (const e of pn!.outputEdges[port] ?? []) if (countFrom(e.target) > 0) walk([...path, e]);
    }
  };
  if (total > 0) walk([start]);
  return { paths, total };
}
