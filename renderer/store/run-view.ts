import type { Executor } from '../../app/graph/executor';
import type { PortValues } from '../../app/ops/op';
import type { Tensor } from '../../app/tensor/tensor';

/**
 * What the canvas shows after a step, taken from the executor. The executor changes in place; this
 * snapshot is new after every step, and the tensors in it are the executor's own (never mutated), so a
 * selector picking one edge's value re-renders that edge only when its value was recomputed.
 */
export interface RunView {
  /** The node the last step executed, or null. */
  readonly currentNodeId: string | null;
  /** How many nodes have run forward. */
  readonly forwardCount: number;
  readonly edgeValues: ReadonlyMap<string, Tensor>;
  /** The gradient flowing back along each edge into its source. */
  readonly edgeGrads: ReadonlyMap<string, Tensor>;
  readonly outputValues: ReadonlyMap<string, PortValues>;
  readonly outputGrads: ReadonlyMap<string, PortValues>;
}

export const NO_VALUES: RunView = {
  currentNodeId: null,
  forwardCount: 0,
  edgeValues: new Map(),
  edgeGrads: new Map(),
  outputValues: new Map(),
  outputGrads: new Map(),
};

export function viewOf(executor: Executor | null): RunView {
  if (!executor) return NO_VALUES;
  const edgeValues = new Map<string, Tensor>();
  const edgeGrads = new Map<string, Tensor>();
  for (const id of executor.plan.edges.keys()) {
    const value = executor.edgeValue(id);
    if (value) edgeValues.set(id, value);
    const grad = executor.edgeGrad(id);
    if (grad) edgeGrads.set(id, grad);
  }
  const outputValues = new Map<string, PortValues>();
  const outputGrads = new Map<string, PortValues>();
  for (const [id, pn] of executor.plan.nodes) {
    const values: Record<string, Tensor> = {};
    const grads: Record<string, Tensor> = {};
    for (const port of pn.op?.outputs ?? []) {
      const value = executor.outputValue(id, port);
      if (value) values[port] = value;
      const grad = executor.outputGrad(id, port);
      if (grad) grads[port] = grad;
    }
    if (Object.keys(values).length > 0) outputValues.set(id, values);
    if (Object.keys(grads).length > 0) outputGrads.set(id, grads);
  }
  return { currentNodeId: executor.currentNodeId ?? null, forwardCount: executor.forwardCursor, edgeValues, edgeGrads, outputValues, outputGrads };
}
