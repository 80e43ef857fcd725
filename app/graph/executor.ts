import type { DataProvider, OpContext, PortValues } from '../ops/op';
import type { Backend } from '../tensor/backend';
import { allocate, type Tensor } from '../tensor/tensor';
import type { Plan, PlanNode } from './compile';
import { describeTensor } from './describe-tensor';

/**
 * Runs a compiled plan one node at a time, forward in topological order and backward in reverse,
 * keeping every port's value and gradient so the canvas can show them on the edges. Framework free:
 * the renderer's store wraps it. Editing the document means compiling again and making a new one.
 */
export interface ExecutorOptions {
  readonly backend: Backend;
  readonly data?: DataProvider;
  /** Tensors for nodes that hold them (trained weights), keyed by node id; defaults to the document's stored tensors. */
  readonly storedTensors?: ReadonlyMap<string, Tensor>;
}

/** 'ready': nothing has run; 'forward': part of the forward pass; 'forward-done'; 'backward': part of it; 'backward-done'. */
export type ExecutorPhase = 'ready' | 'forward' | 'forward-done' | 'backward' | 'backward-done';

export type StepResult =
  | { readonly ok: true; readonly description: string; readonly nodeId?: string }
  | { readonly ok: false; readonly message: string; readonly nodeId?: string };

export interface Executor {
  readonly plan: Plan;
  stepForward(): StepResult;
  stepBackward(): StepResult;
  /** Runs the rest of the forward pass; stops at the first node that fails. */
  runForward(): StepResult;
  /** Runs the rest of the backward pass (the forward pass must be complete). */
  runBackward(): StepResult;
  reset(): void;
  /** Clears these nodes and everything downstream of them, and all gradients; the cursor moves back to the first cleared node. */
  invalidate(nodeIds: Iterable<string>): void;
  /**
   * Runs forward again every node strictly downstream of `nodeId`, keeping that node's own output
   * values: a caller may change them in place first (the numerical gradient does). Clears gradients.
   */
  rerunDownstreamOf(nodeId: string): StepResult;

  readonly phase: ExecutorPhase;
  /** How many nodes have run forward / backward. */
  readonly forwardCursor: number;
  readonly backwardCursor: number;
  /** The node that ran last, forward or backward. */
  readonly currentNodeId: string | undefined;
  /** The node the next step would run. */
  readonly nextNodeId: string | undefined;

  outputValue(nodeId: string, port: string): Tensor | undefined;
  inputValue(nodeId: string, port: string): Tensor | undefined;
  /** The sum of the gradients its consumers sent back. */
  outputGrad(nodeId: string, port: string): Tensor | undefined;
  /** The gradient the node's backward produced for this input. */
  inputGrad(nodeId: string, port: string): Tensor | undefined;
  /** The forward value of the edge's source port. */
  edgeValue(edgeId: string): Tensor | undefined;
  /** The gradient flowing back along the edge into its source: the target's input gradient. */
  edgeGrad(edgeId: string): Tensor | undefined;
  /** The message of the op error that stopped the last step at this node, if any. */
  nodeError(nodeId: string): string | undefined;
  readonly nodeErrors: ReadonlyMap<string, string>;
}

interface NodeState {
  outputs?: PortValues;
  cache?: unknown;
  inputGrads?: PortValues;
  outputGrads?: PortValues;
}

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function createExecutor(plan: Plan, options: ExecutorOptions): Executor {
  const { backend, data } = options;
  const order = plan.order;
  const states = new Map<string, NodeState>();
  const nodeErrors = new Map<string, string>();
  let forwardCursor = 0;
  let backwardCursor = 0;
  let currentNodeId: string | undefined;
  const storedTensors = options.storedTensors ?? plan.storedTensors;

  const planNode = (id: string): PlanNode => plan.nodes.get(id)!;
  const state = (id: string): NodeState => {
    let s = states.get(id);
    if (!s) states.set(id, (s = {}));
    return s;
  };

  const context = (pn: PlanNode): OpContext => ({
    backend,
    params: pn.node.params,
    nodeId: pn.node.id,
    stored: storedTensors.get(pn.node.id),
    data,
  });

  const inputsOf = (pn: PlanNode): PortValues => {
    const inputs: Record<string, Tensor> = {};
    for (const [port, edge] of Object.entries(pn.inputEdges)) inputs[port] = states.get(edge.source)!.outputs![edge.sourceHandle];
    return inputs;
  };

  const refuseIfInvalid = (): StepResult | undefined => {
    if (plan.ok) return undefined;
    const first = plan.errors[0];
    const more = plan.errors.length > 1 ? ` (and ${plan.errors.length - 1} more)` : '';
    return { ok: false, message: `the graph cannot run: ${first.message}${more}`, nodeId: first.nodeId };
  };

  const clearGradients = () => {
    for (const s of states.values()) {
      s.inputGrads = undefined;
      s.outputGrads = undefined;
    }
    backwardCursor = 0;
  };

  const forwardNode = (id: string): StepResult => {
    const pn = planNode(id);
    const op = pn.op!;
    try {
      const { outputs, cache } = op.forward(inputsOf(pn), context(pn));
      const s = state(id);
      s.outputs = outputs;
      s.cache = cache;
      nodeErrors.delete(id);
    } catch (e) {
      const message = `${pn.node.kind} ${id}: ${errorMessage(e)}`;
      nodeErrors.set(id, message);
      return { ok: false, message, nodeId: id };
    }
    currentNodeId = id;
    const shown = op.terminal ? inputsOf(pn) : states.get(id)!.outputs!;
    return { ok: true, description: `forward: ${pn.node.kind} → ${describePorts(shown)}`, nodeId: id };
  };

  const gradOutputsOf = (pn: PlanNode): PortValues => {
    const s = states.get(pn.node.id)!;
    const grads: Record<string, Tensor> = {};
    for (const [port, value] of Object.entries(s.outputs ?? {})) {
      let sum: Tensor | undefined;
      for (const edge of pn.outputEdges[port] ?? []) {
        const share = states.get(edge.target)?.inputGrads?.[edge.targetHandle];
        if (share) sum = sum ? backend.add(sum, share) : share;
      }
      // An output nobody consumes contributes nothing to the result: its gradient is zero.
      grads[port] = sum ?? allocate(value.shape, backend.dtype);
    }
    return grads;
  };

  const backwardNode = (id: string): StepResult => {
    const pn = planNode(id);
    const s = state(id);
    try {
      const gradOutputs = gradOutputsOf(pn);
      const inputGrads = pn.op!.backward(gradOutputs, s.cache, inputsOf(pn), context(pn));
      for (const port of pn.op!.inputs) {
        if (!inputGrads[port]) throw new Error(`backward gave no gradient for input ${port}`);
      }
      s.outputGrads = gradOutputs;
      s.inputGrads = inputGrads;
      nodeErrors.delete(id);
    } catch (e) {
      const message = `${pn.node.kind} ${id}: ${errorMessage(e)}`;
      nodeErrors.set(id, message);
      return { ok: false, message, nodeId: id };
    }
    currentNodeId = id;
    const shown: Record<string, Tensor> = {};
    for (const [port, g] of Object.entries(pn.op!.inputs.length > 0 ? s.inputGrads! : s.outputGrads!)) shown[`∂${port}`] = g;
    return { ok: true, description: `backward: ${pn.node.kind} → ${describePorts(shown)}`, nodeId: id };
  };

  const executor: Executor = {
    plan,
    stepForward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor >= order.length) return { ok: true, description: 'forward done' };
      const result = forwardNode(order[forwardCursor]);
      if (result.ok) {
        forwardCursor++;
        if (forwardCursor === order.length) return { ...result, description: `${result.description} (forward done)` };
      }
      return result;
    },
    stepBackward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor < order.length) {
        return { ok: false, message: `finish the forward pass first: ${forwardCursor} of ${order.length} nodes have run forward` };
      }
      if (backwardCursor >= order.length) return { ok: true, description: 'backward done' };
      const result = backwardNode(order[order.length - 1 - backwardCursor]);
      if (result.ok) {
        backwardCursor++;
        if (backwardCursor === order.length) return { ...result, description: `${result.description} (backward done)` };
      }
      return result;
    },
    runForward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      while (forwardCursor < order.length) {
        const result = executor.stepForward();
        if (!result.ok) return result;
      }
      return { ok: true, description: 'forward done' };
    },
    runBackward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor < order.length) return executor.stepBackward();
      while (backwardCursor < order.length) {
        const result = executor.stepBackward();
        if (!result.ok) return result;
      }
      return { ok: true, description: 'backward done' };
    },
    reset() {
      states.clear();
      nodeErrors.clear();
      forwardCursor = 0;
      backwardCursor = 0;
      currentNodeId = undefined;
    },
    invalidate(nodeIds) {
      const cleared = downstreamOf(plan, nodeIds, true);
      if (cleared.size === 0) return;
      clearGradients();
      for (const id of cleared) {
        states.delete(id);
        nodeErrors.delete(id);
      }
      const firstCleared = order.findIndex((id) => cleared.has(id));
      if (firstCleared >= 0) forwardCursor = Math.min(forwardCursor, firstCleared);
      currentNodeId = undefined;
    },
    rerunDownstreamOf(nodeId) {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor < order.length) return { ok: false, message: `finish the forward pass first: ${forwardCursor} of ${order.length} nodes have run forward` };
      clearGradients();
      const downstream = downstreamOf(plan, [nodeId], false);
      for (const id of order) {
        if (!downstream.has(id)) continue;
        const result = forwardNode(id);
        if (!result.ok) return result;
      }
      return { ok: true, description: 'forward done' };
    },
    get phase(): ExecutorPhase {
      if (backwardCursor >= order.length && order.length > 0) return 'backward-done';
      if (backwardCursor > 0) return 'backward';
      if (forwardCursor >= order.length && order.length > 0) return 'forward-done';
      return forwardCursor > 0 ? 'forward' : 'ready';
    },
    get forwardCursor() {
      return forwardCursor;
    },
    get backwardCursor() {
      return backwardCursor;
    },
    get currentNodeId() {
      return currentNodeId;
    },
    get nextNodeId() {
      if (forwardCursor < order.length) return order[forwardCursor];
      if (backwardCursor < order.length) return order[order.length - 1 - backwardCursor];
      return undefined;
    },
    outputValue: (nodeId, port) => states.get(nodeId)?.outputs?.[port],
    inputValue(nodeId, port) {
      const edge = plan.nodes.get(nodeId)?.inputEdges[port];
      return edge ? executor.outputValue(edge.source, edge.sourceHandle) : undefined;
    },
    outputGrad: (nodeId, port) => states.get(nodeId)?.outputGrads?.[port],
    inputGrad: (nodeId, port) => states.get(nodeId)?.inputGrads?.[port],
    edgeValue(edgeId) {
      const edge = plan.edges.get(edgeId);
      return edge ? executor.outputValue(edge.source, edge.sourceHandle) : undefined;
    },
    edgeGrad(edgeId) {
      const edge = plan.edges.get(edgeId);
      return edge ? executor.inputGrad(edge.target, edge.targetHandle) : undefined;
    },
    nodeError: (nodeId) => nodeErrors.get(nodeId),
    nodeErrors,
  };
  return executor;
}

/** The given nodes (when `inclusive`) and every node reachable from them along edges. */
export function downstreamOf(plan: Plan, nodeIds: Iterable<string>, inclusive: boolean): Set<string> {
  const start = [...nodeIds].filter((id) => plan.nodes.has(id));
  const reached = new Set<string>(inclusive ? start : []);
  const stack = [...start];
  while (stack.length > 0) {
    const pn = plan.nodes.get(stack.pop()!)!;
    for (const edges of Object.values(pn.outputEdges)) {
      for (const e of edges) {
        if (!reached.has(e.target)) {
          reached.add(e.target);
          stack.push(e.target);
        }
      }
    }
  }
  return reached;
}

function describePorts(values: PortValues): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'nothing';
  if (entries.length === 1 && !entries[0][0].startsWith('∂')) return describeTensor(entries[0][1]);
  return entries.map(([port, t]) => `${port} ${describeTensor(t)}`).join(', ');
}
