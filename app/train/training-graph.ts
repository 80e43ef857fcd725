import type { CompileError, Plan, PlanNode } from '../graph/compile';
import { CodedError } from '../i18n/messages';
import type { DataProvider, PortValues } from '../ops/op';
import type { Backend } from '../tensor/backend';
import { scalar, type Tensor } from '../tensor/tensor';

/**
 * A compiled plan seen as a trainable model: one MnistBatch feeding the ops, Parameter nodes the
 * trainer owns, one SoftmaxWithLoss whose `x` input holds the class scores. Forward and backward run
 * the op definitions in compile's topological order on a backend, summing the gradients of a fan-out
 * as the canvas executor does, but without keeping per-edge state for display.
 */
export const LOSS_KIND = 'SoftmaxWithLoss';
export const AFFINE_KIND = 'Affine';

export interface TrainingGraph {
  readonly parameterIds: readonly string[];
  readonly batchNodeId: string;
  readonly lossNodeId: string;
  /** Each Parameter's starting value: its stored weights, else its own initializer (the Parameter op's forward). */
  initialParameters(backend: Backend): Map<string, Tensor>;
  /** Forward and backward on one batch: the loss and each parameter's gradient. */
  lossAndGradients(
    backend: Backend,
    params: ReadonlyMap<string, Tensor>,
    batch: { x: Tensor; t: Tensor },
  ): { loss: number; grads: Map<string, Tensor> };
  /** Forward up to the loss's `x` input: the class scores of each row of x. */
  scores(backend: Backend, params: ReadonlyMap<string, Tensor>, batch: { x: Tensor; t: Tensor }): Tensor;
}

const key = (node: string, port: string): string => `${node}\u0000${port}`;

function only(plan: Plan, matches: (pn: PlanNode) => boolean, code: 'training_needs_one_batch' | 'training_needs_one_loss'): PlanNode {
  const found = [...plan.nodes.values()].filter(matches);
  if (found.length !== 1) throw new CodedError(code, { count: String(found.length) });
  return found[0];
}

/** compile's problems that stop training; a missing Output does not: backpropagation then starts at the loss. */
export function trainingProblems(plan: Plan): readonly CompileError[] {
  return plan.errors.filter((e) => e.code !== 'no_output');
}

/** The plan must be compile's and free of errors: validation and order are compile's alone. */
export function createTrainingGraph(plan: Plan): TrainingGraph {
  const problems = trainingProblems(plan);
  if (problems.length > 0) throw new Error(`the graph cannot be trained: ${problems.map((e) => e.message).join('; ')}`);
  const ordered = plan.order.map((id) => plan.nodes.get(id)!);
  const batchNode = only(plan, (pn) => pn.op?.needsMnist === true, 'training_needs_one_batch');
  const lossNode = only(plan, (pn) => pn.node.kind === LOSS_KIND, 'training_needs_one_loss');
  const scoresEdge = lossNode.inputEdges.x;
  const parameterNodes = ordered.filter((pn) => pn.op?.trainable);
  if (parameterNodes.length === 0) throw new CodedError('training_needs_parameter', {});
  const lossPort = lossNode.op!.outputs[0];

  // Without an Output after the loss, backpropagation starts from dL/dL = 1 itself.
  const lossFeedsOutput = (lossNode.outputEdges[lossPort] ?? []).some((e) => plan.nodes.get(e.target)!.op?.terminal);

  // Only what feeds the scores runs in an accuracy pass.
  const feedsScores = new Set<string>();
  const pending = [scoresEdge.source];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (feedsScores.has(id)) continue;
    feedsScores.add(id);
    for (const edge of Object.values(plan.nodes.get(id)!.inputEdges)) pending.push(edge.source);
  }

  function runForward(backend: Backend, params: ReadonlyMap<string, Tensor>, batch: { x: Tensor; t: Tensor }, include: (id: string) => boolean) {
    const data: DataProvider = { mnistBatch: () => batch };
    const values = new Map<string, Tensor>();
    const caches = new Map<string, unknown>();
    const inputsOf = new Map<string, PortValues>();
    for (const { node, op, inputEdges } of ordered) {
      if (!include(node.id)) continue;
      if (op!.trainable) {
        values.set(key(node.id, op!.outputs[0]), params.get(node.id)!);
        continue;
      }
      const inputs: Record<string, Tensor> = {};
      for (const [port, edge] of Object.entries(inputEdges)) inputs[port] = values.get(key(edge.source, edge.sourceHandle))!;
      const result = op!.forward(inputs, { backend, params: node.params, nodeId: node.id, data });
      for (const [port, value] of Object.entries(result.outputs)) values.set(key(node.id, port), value);
      caches.set(node.id, result.cache);
      inputsOf.set(node.id, inputs);
    }
    return { values, caches, inputsOf };
  }

  return {
    parameterIds: parameterNodes.map((pn) => pn.node.id),
    batchNodeId: batchNode.node.id,
    lossNodeId: lossNode.node.id,
    initialParameters(backend) {
      const values = new Map<string, Tensor>();
      for (const { node, op } of parameterNodes) {
        const ctx = { backend, params: node.params, nodeId: node.id, stored: plan.storedTensors.get(node.id) };
        values.set(node.id, op!.forward({}, ctx).outputs[op!.outputs[0]]);
      }
      return values;
    },
    lossAndGradients(backend, params, batch) {
      const { values, caches, inputsOf } = runForward(backend, params, batch, () => true);
      const loss = values.get(key(lossNode.node.id, lossPort))!.data[0];

      const grads = new Map<string, Tensor>();
      if (!lossFeedsOutput) grads.set(key(lossNode.node.id, lossPort), scalar(1, backend.dtype));
      for (let i = ordered.length - 1; i >= 0; i--) {
        const { node, op, inputEdges } = ordered[i];
        if (op!.trainable || op!.inputs.length === 0) continue;
        const gradOutputs: Record<string, Tensor> = {};
        let reached = op!.terminal === true;
        for (const port of op!.outputs) {
          const g = grads.get(key(node.id, port));
          if (g) {
            gradOutputs[port] = g;
            reached = true;
          }
        }
        if (!reached) continue;
        const inputGrads = op!.backward(gradOutputs, caches.get(node.id), inputsOf.get(node.id)!, { backend, params: node.params, nodeId: node.id });
        for (const [port, edge] of Object.entries(inputEdges)) {
          const g = inputGrads[port];
          if (!g) continue;
          const k = key(edge.source, edge.sourceHandle);
          const previous = grads.get(k);
          grads.set(k, previous ? backend.add(previous, g) : g);
        }
      }
      const paramGrads = new Map<string, Tensor>();
      for (const { node, op } of parameterNodes) {
        const g = grads.get(key(node.id, op!.outputs[0]));
        if (g) paramGrads.set(node.id, g);
      }
      return { loss, grads: paramGrads };
    },
    scores(backend, params, batch) {
      const { values } = runForward(backend, params, batch, (id) => feedsScores.has(id));
      return values.get(key(scoresEdge.source, scoresEdge.sourceHandle))!;
    },
  };
}
