import type { PlanNode } from '../graph/compile';
import type { Executor } from '../graph/executor';
import type { PortValues } from '../ops/op';
import type { Backend } from '../tensor/backend';
import { allocate, type Tensor } from '../tensor/tensor';

/**
 * One node's local step of the chain rule: given a gradient on one of its output ports (the others
 * zero), the gradient its own backward sends to one input port. A node's backward is linear in the
 * gradients it receives, so these steps chained along a path and summed over the paths give exactly
 * the gradient the executor computed. Inputs come from the executor; the forward runs again here
 * only to rebuild the cache backward needs (no source node is ever inside a path, so no stored
 * tensors or data are needed).
 */
export function localGradient(
  pn: PlanNode,
  executor: Executor,
  backend: Backend,
  inputPort: string,
  outputPort: string | undefined,
  gradOutput: Tensor | undefined,
): Tensor {
  const op = pn.op;
  if (!op) throw new Error(`node ${pn.node.id} has an unknown kind`);
  const inputs = nodeInputs(pn, executor);
  const ctx = { backend, params: pn.node.params, nodeId: pn.node.id };
  const { outputs, cache } = op.forward(inputs, ctx);
  const gradOutputs: Record<string, Tensor> = {};
  for (const port of op.outputs) {
    const value = outputs[port];
    gradOutputs[port] = port === outputPort && gradOutput ? gradOutput : allocate(value.shape, backend.dtype);
  }
  const grads = op.backward(gradOutputs, cache, inputs, ctx);
  const grad = grads[inputPort];
  if (!grad) throw new Error(`${pn.node.kind} ${pn.node.id} gave no gradient for input ${inputPort}`);
  return grad;
}

/** The node's input values as the executor holds them; throws when the forward pass has not reached it. */
export function nodeInputs(pn: PlanNode, executor: Executor): PortValues {
  const inputs: Record<string, Tensor> = {};
  for (const port of pn.op?.inputs ?? []) {
    const value = executor.inputValue(pn.node.id, port);
    if (!value) throw new NotYetComputed(pn.node.id);
    inputs[port] = value;
  }
  return inputs;
}

/** The forward pass has not reached this node yet, so its local derivative has no numbers. */
export class NotYetComputed extends Error {
  override readonly name = 'NotYetComputed';
  constructor(readonly nodeId: string) {
    super(`node ${nodeId} has not run forward yet`);
  }
}
