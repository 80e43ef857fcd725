import type { CompileError, Plan } from '../../app/graph/compile';

/** The plan's errors about this node; a cycle's error names every node on it and shows on each. */
export function errorsAt(plan: Plan, nodeId: string): CompileError[] {
  return plan.errors.filter((e) => e.nodeId === nodeId || (!e.nodeId && e.nodeIds?.includes(nodeId)));
}

/** The node of an error, or the first node of a cycle. */
export function errorNodeId(error: CompileError): string | undefined {
  return error.nodeId ?? error.nodeIds?.[0];
}

/** Shape of a node's port, when inference reached it. */
export function portShape(plan: Plan, nodeId: string, port: string): readonly number[] | undefined {
  const pn = plan.nodes.get(nodeId);
  return pn?.outputShapes?.[port] ?? pn?.inputShapes?.[port];
}
