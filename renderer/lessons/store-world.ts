import { orderPosition } from '../../app/graph/compile';
import type { LessonWorld } from '../../app/lessons/check';
import type { GraphStore } from '../store/graph-store';

/** The lesson checks' view of the graph store: edges by their ends, what has run, the params. */
export function storeWorld(s: GraphStore): LessonWorld {
  const findEdge = (from: string, fromPort: string, to: string, toPort: string) =>
    s.edges.find((e) => e.source === from && (e.sourceHandle ?? 'out') === fromPort && e.target === to && e.targetHandle === toPort);
  return {
    edge(from, fromPort, to, toPort) {
      const edge = findEdge(from, fromPort, to, toPort);
      if (!edge) return null;
      return { value: s.run.edgeValues.get(edge.id)?.data as readonly number[] | undefined, grad: s.run.edgeGrads.get(edge.id)?.data as readonly number[] | undefined };
    },
    ranForward(node) {
      const at = orderPosition(s.plan, node);
      return at >= 0 && at < s.run.forwardCount;
    },
    ranBackward(node) {
      const into = s.edges.filter((e) => e.target === node);
      return into.length > 0 && into.every((e) => s.run.edgeGrads.has(e.id));
    },
    param: (node, name) => s.nodes.find((n) => n.id === node)?.data.params[name],
  };
}
