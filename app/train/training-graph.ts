import type { GraphDocument, GraphNode } from '../graph/document';
import { storedToTensor } from '../graph/stored-tensors';
import type { DataProvider, OpDefinition, PortValues } from '../ops/op';
import { getOp } from '../ops/registry';
import type { Backend } from '../tensor/backend';
import { scalar, type Tensor } from '../tensor/tensor';

/**
 * A graph document seen as a trainable model: one MnistBatch feeding the ops, Parameter nodes the
 * trainer owns, one SoftmaxWithLoss whose `x` input holds the class scores. Forward and backward run
 * the op definitions in topological order on a backend, exactly as the canvas executor does, but
 * without keeping per-edge state for display.
 */
export const MNIST_BATCH_KIND = 'MnistBatch';
export const PARAMETER_KIND = 'Parameter';
export const LOSS_KIND = 'SoftmaxWithLoss';

interface PortRef {
  readonly node: string;
  readonly port: string;
}

interface PlannedNode {
  readonly node: GraphNode;
  readonly op: OpDefinition;
  /** Input port → the output it reads. */
  readonly sources: Readonly<Record<string, PortRef>>;
}

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

const key = (ref: PortRef): string => `${ref.node}\u0000${ref.port}`;

function only(nodes: readonly GraphNode[], kind: string, what: string): GraphNode {
  const found = nodes.filter((n) => n.kind === kind);
  if (found.length !== 1) {
    throw new Error(`a trainable graph needs exactly one ${kind} node (${what}), this one has ${found.length}`);
  }
  return found[0];
}

function topologicalOrder(doc: GraphDocument, sources: Map<string, Record<string, PortRef>>): GraphNode[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: GraphNode[] = [];
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`the graph has a cycle through node '${id}'`);
    state.set(id, 'visiting');
    for (const ref of Object.values(sources.get(id) ?? {})) visit(ref.node);
    state.set(id, 'done');
    order.push(byId.get(id)!);
  };
  for (const node of doc.nodes) visit(node.id);
  return order;
}

export function createTrainingGraph(doc: GraphDocument): TrainingGraph {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, Record<string, PortRef>>();
  for (const edge of doc.edges) {
    if (!byId.has(edge.source)) throw new Error(`edge '${edge.id}' comes from a missing node '${edge.source}'`);
    if (!byId.has(edge.target)) throw new Error(`edge '${edge.id}' goes to a missing node '${edge.target}'`);
    const inputs = sources.get(edge.target) ?? {};
    if (inputs[edge.targetHandle]) {
      throw new Error(`node '${edge.target}' has two edges into its input '${edge.targetHandle}'`);
    }
    inputs[edge.targetHandle] = { node: edge.source, port: edge.sourceHandle };
    sources.set(edge.target, inputs);
  }
  const plan: PlannedNode[] = topologicalOrder(doc, sources).map((node) => {
    const op = getOp(node.kind);
    const nodeSources = sources.get(node.id) ?? {};
    for (const input of op.inputs) {
      if (!nodeSources[input]) throw new Error(`input '${input}' of node '${node.id}' (${node.kind}) is not connected`);
    }
    return { node, op, sources: nodeSources };
  });

  const batchNode = only(doc.nodes, MNIST_BATCH_KIND, 'the images and labels');
  const lossNode = only(doc.nodes, LOSS_KIND, 'the loss');
  const scoresRef = sources.get(lossNode.id)?.x;
  if (!scoresRef) throw new Error(`input 'x' of the ${LOSS_KIND} node '${lossNode.id}' is not connected`);
  const parameterNodes = doc.nodes.filter((n) => n.kind === PARAMETER_KIND);
  if (parameterNodes.length === 0) throw new Error('a trainable graph needs at least one Parameter node');

  // Without an Output after the loss, backpropagation starts from dL/dL = 1 itself.
  const lossFeedsOutput = doc.edges.some((e) => e.source === lossNode.id && getOp(byId.get(e.target)!.kind).terminal);

  // Only what feeds the scores runs in an accuracy pass.
  const feedsScores = new Set<string>();
  const mark = (id: string): void => {
    if (feedsScores.has(id)) return;
    feedsScores.add(id);
    for (const ref of Object.values(sources.get(id) ?? {})) mark(ref.node);
  };
  mark(scoresRef.node);

  function runForward(
    backend: Backend,
    params: ReadonlyMap<string, Tensor>,
    batch: { x: Tensor; t: Tensor },
    include: (id: string) => boolean,
  ) {
    const data: DataProvider = { mnistBatch: () => batch };
    const values = new Map<string, Tensor>();
    const caches = new Map<string, unknown>();
    const inputsOf = new Map<string, PortValues>();
    for (const { node, op, sources: nodeSources } of plan) {
      if (!include(node.id)) continue;
      if (node.kind === PARAMETER_KIND) {
        const value = params.get(node.id);
        if (!value) throw new Error(`no value for the Parameter node '${node.id}'`);
        values.set(key({ node: node.id, port: op.outputs[0] }), value);
        continue;
      }
      const inputs: Record<string, Tensor> = {};
      for (const [port, ref] of Object.entries(nodeSources)) {
        const value = values.get(key(ref));
        if (!value) throw new Error(`node '${node.id}' reads output '${ref.port}' of '${ref.node}', which has no value`);
        inputs[port] = value;
      }
      const result = op.forward(inputs, { backend, params: node.params, nodeId: node.id, data });
      for (const [port, value] of Object.entries(result.outputs)) values.set(key({ node: node.id, port }), value);
      caches.set(node.id, result.cache);
      inputsOf.set(node.id, inputs);
    }
    return { values, caches, inputsOf };
  }

  return {
    parameterIds: parameterNodes.map((n) => n.id),
    batchNodeId: batchNode.id,
    lossNodeId: lossNode.id,
    initialParameters(backend) {
      const op = getOp(PARAMETER_KIND);
      const values = new Map<string, Tensor>();
      for (const node of parameterNodes) {
        const stored = doc.tensors?.[node.id];
        const ctx = { backend, params: node.params, nodeId: node.id, stored: stored && storedToTensor(stored, backend.dtype) };
        values.set(node.id, op.forward({}, ctx).outputs[op.outputs[0]]);
      }
      return values;
    },
    lossAndGradients(backend, params, batch) {
      const { values, caches, inputsOf } = runForward(backend, params, batch, () => true);
      const lossOp = getOp(LOSS_KIND);
      const lossTensor = values.get(key({ node: lossNode.id, port: lossOp.outputs[0] }));
      if (!lossTensor) throw new Error(`the ${LOSS_KIND} node '${lossNode.id}' produced no loss`);
      const loss = lossTensor.data[0];

      const grads = new Map<string, Tensor>();
      if (!lossFeedsOutput) grads.set(key({ node: lossNode.id, port: lossOp.outputs[0] }), scalar(1, backend.dtype));
      const addGrad = (ref: PortRef, g: Tensor): void => {
        const k = key(ref);
        const previous = grads.get(k);
        grads.set(k, previous ? backend.add(previous, g) : g);
      };
      for (let i = plan.length - 1; i >= 0; i--) {
        const { node, op, sources: nodeSources } = plan[i];
        if (node.kind === PARAMETER_KIND || op.inputs.length === 0) continue;
        const gradOutputs: Record<string, Tensor> = {};
        let reached = op.terminal === true;
        for (const port of op.outputs) {
          const g = grads.get(key({ node: node.id, port }));
          if (g) {
            gradOutputs[port] = g;
            reached = true;
          }
        }
        if (!reached) continue;
        const inputGrads = op.backward(gradOutputs, caches.get(node.id), inputsOf.get(node.id)!, {
          backend,
          params: node.params,
          nodeId: node.id,
        });
        for (const [port, ref] of Object.entries(nodeSources)) {
          const g = inputGrads[port];
          if (g) addGrad(ref, g);
        }
      }
      const paramGrads = new Map<string, Tensor>();
      for (const id of this.parameterIds) {
        const g = grads.get(key({ node: id, port: getOp(PARAMETER_KIND).outputs[0] }));
        if (g) paramGrads.set(id, g);
      }
      return { loss, grads: paramGrads };
    },
    scores(backend, params, batch) {
      const { values } = runForward(backend, params, batch, (id) => feedsScores.has(id));
      const scores = values.get(key(scoresRef));
      if (!scores) throw new Error(`the scores feeding '${lossNode.id}' were not computed`);
      return scores;
    },
  };
}
