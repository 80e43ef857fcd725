import { englishMessage } from '../i18n/messages';
import type { DataProvider } from '../ops/op';
import type { Backend } from '../tensor/backend';
import type { Tensor } from '../tensor/tensor';
import type { Plan } from './compile';
import { downstreamOf } from './downstream';
import { createNodeRunner, type StepResult } from './node-runner';
import { refusalOf } from './problems';

export type { StepResult };

/**
 * Runs a compiled plan one node at a time, forward in topological order and backward in reverse,
 * keeping every port's value and gradient so the canvas can show them on the edges. Framework free:
 * the renderer's store wraps it. Editing the document means compiling again and making a new one.
 * This file is the cursor (which node runs next, what a step may do); app/graph/node-runner.ts runs one node.
 */
export interface ExecutorOptions {
  readonly backend: Backend;
  readonly data?: DataProvider;
  /** Tensors for nodes that hold them (trained weights), keyed by node id; defaults to the document's stored tensors. */
  readonly storedTensors?: ReadonlyMap<string, Tensor>;
}

/** 'ready': nothing has run; 'forward': part of the forward pass; 'forward-done'; 'backward': part of it; 'backward-done'. */
export type ExecutorPhase = 'ready' | 'forward' | 'forward-done' | 'backward' | 'backward-done';

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

export function createExecutor(plan: Plan, options: ExecutorOptions): Executor {
  const order = plan.order;
  const runner = createNodeRunner(plan, { backend: options.backend, data: options.data, storedTensors: options.storedTensors ?? plan.storedTensors });
  const { states, nodeErrors } = runner;
  let forwardCursor = 0;
  let backwardCursor = 0;

  const refuseIfInvalid = (): StepResult | undefined => {
    if (plan.ok) return undefined;
    const [first, ...rest] = plan.errors;
    return { ok: false, ...refusalOf('run', [first, ...rest]), nodeId: first.nodeId };
  };

  const forwardFirst = (): StepResult => {
    const params = { done: String(forwardCursor), total: String(order.length) };
    return { ok: false, message: englishMessage('forward_first', params), code: 'forward_first', params };
  };

  const clearGradients = () => {
    runner.clearGradients();
    backwardCursor = 0;
  };

  /** A node of a pass ran: when it succeeded, that pass's cursor moves on (and the step says when the pass is done). */
  const advanced = (result: StepResult, pass: 'forward' | 'backward'): StepResult => {
    if (!result.ok) return result;
    const cursor = pass === 'forward' ? ++forwardCursor : ++backwardCursor;
    return cursor === order.length ? { ...result, description: `${result.description} (${pass} done)` } : result;
  };

  const executor: Executor = {
    plan,
    stepForward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor >= order.length) return { ok: true, description: 'forward done' };
      return advanced(runner.forward(order[forwardCursor]), 'forward');
    },
    stepBackward() {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor < order.length) {
        return forwardFirst();
      }
      if (backwardCursor >= order.length) return { ok: true, description: 'backward done' };
      return advanced(runner.backward(order[order.length - 1 - backwardCursor]), 'backward');
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
      runner.currentNodeId = undefined;
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
      runner.currentNodeId = undefined;
    },
    rerunDownstreamOf(nodeId) {
      const refused = refuseIfInvalid();
      if (refused) return refused;
      if (forwardCursor < order.length) return forwardFirst();
      clearGradients();
      const downstream = downstreamOf(plan, [nodeId], false);
      for (const id of order) {
        if (!downstream.has(id)) continue;
        const result = runner.forward(id);
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
      return runner.currentNodeId;
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
