import type { Plan } from '../graph/compile';

/** Loss inputs that take the labels t: the chapter treats them as given, not learned. */
const LABEL_PORTS: Readonly<Record<string, string>> = { SoftmaxWithLoss: 't', CrossEntropy: 't' };

/** The kinds the learner may mark constant (`params.constant`), in the inspector. */
export function canMarkConstant(kind: string): boolean {
  return kind === 'Tensor';
}

/**
 * Whether an edge carries a constant of the lesson: the MNIST images and labels, the labels t of a
 * loss, or a Tensor marked constant. Its gradient exists but means nothing to a learner, so the
 * canvas hides it unless asked.
 */
export function isConstantEdge(plan: Plan, edgeId: string): boolean {
  const edge = plan.edges.get(edgeId);
  if (!edge) return false;
  const source = plan.nodes.get(edge.source)?.node;
  const target = plan.nodes.get(edge.target)?.node;
  if (source?.kind === 'MnistBatch') return true;
  if (source && canMarkConstant(source.kind) && source.params.constant === true) return true;
  return !!target && LABEL_PORTS[target.kind] === edge.targetHandle;
}
