import { englishMessage, messageOf, type Message } from '../i18n/messages';
import type { DataProvider, OpContext, PortValues } from '../ops/op';
import type { Backend } from '../tensor/backend';
import { allocate, type Tensor } from '../tensor/tensor';
import type { Plan, PlanNode } from './compile';
import { describeTensor } from './describe-tensor';
import { nodeParams } from './problems';

export type StepResult =
  | { readonly ok: true; readonly description: string; readonly nodeId?: string }
  | ({ readonly ok: false; readonly nodeId?: string } & Message);

/** What one node keeps between steps: its outputs and cache from forward, the gradients of backward. */
export interface NodeState {
  outputs?: PortValues;
  cache?: unknown;
  inputGrads?: PortValues;
  outputGrads?: PortValues;
}

export interface NodeRunnerOptions {
  readonly backend: Backend;
  readonly data?: DataProvider;
  readonly storedTensors: ReadonlyMap<string, Tensor>;
}

/**
 * Runs single nodes of a plan forward and backward and keeps what they produce: each node's values,
 * the gradients summed over its fan-out, and the op errors that stopped a node. The order in which
 * nodes run is the executor's (app/graph/executor.ts).
 */
export interface NodeRunner {
  readonly states: Map<string, NodeState>;
  readonly nodeErrors: Map<string, string>;
  /** The node that ran last, forward or backward; undefined after a reset. */
  currentNodeId: string | undefined;
  forward(id: string): StepResult;
  /** Needs the forward values of the node and the input gradients of its consumers. */
  backward(id: string): StepResult;
  clearGradients(): void;
}

export function createNodeRunner(plan: Plan, { backend, data, storedTensors }: NodeRunnerOptions): NodeRunner {
  const states = new Map<string, NodeState>();
  const nodeErrors = new Map<string, string>();

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

  /**
   * Runs a node's forward or backward: `work` keeps what it made and returns the values the step shows. A throw is
   * kept as the node's error (for the canvas) and returned as the step's result; success clears it.
   */
  const run = (pn: PlanNode, direction: 'forward' | 'backward', work: () => PortValues): StepResult => {
    const id = pn.node.id;
    let shown: PortValues;
    try {
      shown = work();
    } catch (e) {
      // The catalog code of what the op said (when it said one) travels along, so the page can translate it.
      const said = messageOf(e);
      const params = { ...(said.code ? { ...said.params, reasonCode: said.code } : {}), ...nodeParams(pn.node), reason: said.message };
      const message = englishMessage('node_failed', params);
      nodeErrors.set(id, message);
      return { ok: false, message, code: 'node_failed', params, nodeId: id };
    }
    nodeErrors.delete(id);
    runner.currentNodeId = id;
    return { ok: true, description: `${direction}: ${pn.node.kind} → ${describePorts(shown)}`, nodeId: id };
  };

  const runner: NodeRunner = {
    states,
    nodeErrors,
    currentNodeId: undefined,
    forward(id) {
      const pn = planNode(id);
      return run(pn, 'forward', () => {
        const { outputs, cache } = pn.op!.forward(inputsOf(pn), context(pn));
        Object.assign(state(id), { outputs, cache });
        return pn.op!.terminal ? inputsOf(pn) : outputs;
      });
    },
    backward(id) {
      const pn = planNode(id);
      const s = state(id);
      return run(pn, 'backward', () => {
        const gradOutputs = gradOutputsOf(pn);
        const inputGrads = pn.op!.backward(gradOutputs, s.cache, inputsOf(pn), context(pn));
        for (const port of pn.op!.inputs) {
          if (!inputGrads[port]) throw new Error(`backward gave no gradient for input ${port}`);
        }
        s.outputGrads = gradOutputs;
        s.inputGrads = inputGrads;
        const shown: Record<string, Tensor> = {};
        for (const [port, g] of Object.entries(pn.op!.inputs.length > 0 ? inputGrads : gradOutputs)) shown[`∂${port}`] = g;
        return shown;
      });
    },
    clearGradients() {
      for (const s of states.values()) {
        s.inputGrads = undefined;
        s.outputGrads = undefined;
      }
    },
  };
  return runner;
}

function describePorts(values: PortValues): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return 'nothing';
  if (entries.length === 1 && !entries[0][0].startsWith('∂')) return describeTensor(entries[0][1]);
  return entries.map(([port, t]) => `${port} ${describeTensor(t)}`).join(', ');
}
