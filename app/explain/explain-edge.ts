import type { Plan } from '../graph/compile';
import type { Executor } from '../graph/executor';
import type { Backend } from '../tensor/backend';
import { cloneTensor, type Tensor } from '../tensor/tensor';
import { localGradient, nodeInputs } from './local-gradient';
import { workedLocal, type WorkedLocal } from './local-numbers';
import { inputName, valueName } from './names';
import { pathsToLoss } from './paths';

/** Paths listed at most per explanation; the count of all of them is always given. */
export const MAX_EXPLAINED_PATHS = 64;

/** One local derivative of a path, ∂(numerator)/∂(denominator) at one node. */
export interface ChainFactor {
  readonly nodeId: string;
  readonly kind: string;
  /** "L" for the terminal node; else the name of the value the path leaves by. */
  readonly numerator: string;
  readonly denominator: string;
  readonly inputPort: string;
  readonly outputPort?: string;
  /** The local derivative's number, when every value it touches is a single number. */
  readonly value?: number;
  readonly worked?: WorkedLocal;
}

export interface ExplainedPath {
  /** From the explained edge to the edge entering the terminal. */
  readonly edgeIds: readonly string[];
  /** The nodes the path passes through, the terminal last. */
  readonly nodeIds: readonly string[];
  /** From the loss back to the explained edge, as the chapter writes the chain. */
  readonly factors: readonly ChainFactor[];
  /** This path's share of the gradient (the product of its factors, or their chained Jacobians). */
  readonly contribution: Tensor;
}

export interface EdgeExplanation {
  readonly edgeId: string;
  /** The name of the value the edge carries, e.g. "apple price". */
  readonly valueName: string;
  /** True when every factor of every path is a single number: the chain is a product of numbers. */
  readonly scalar: boolean;
  readonly paths: readonly ExplainedPath[];
  /** How many paths reach the loss; more than paths.length when the list was cut. */
  readonly totalPaths: number;
  /** The sum of the listed paths' contributions: the edge's gradient when none was cut. */
  readonly sum: Tensor | undefined;
  /** The gradient the executor's backward pass put on the edge, once it got there. */
  readonly gradient: Tensor | undefined;
}

export type ExplainResult = { readonly ok: true; readonly explanation: EdgeExplanation } | { readonly ok: false; readonly reason: 'no-edge' | 'not-computed'; readonly nodeId?: string };

/**
 * ∂L/∂(edge) by the chain rule: the sum over every path from the edge to the loss of the product of
 * the local derivatives along it. For tensors the "product" is each node's backward applied in turn,
 * so the sum is exactly the executor's gradient. Needs the forward values of the nodes on the paths.
 */
export function explainEdge(plan: Plan, executor: Executor, backend: Backend, edgeId: string, limit = MAX_EXPLAINED_PATHS): ExplainResult {
  const edge = plan.edges.get(edgeId);
  if (!edge) return { ok: false, reason: 'no-edge' };
  const search = pathsToLoss(plan, edgeId, limit);
  const paths: ExplainedPath[] = [];
  try {
    for (const path of search.paths) paths.push(explainPath(plan, executor, backend, path));
  } catch (e) {
    if (e instanceof Error && e.name === 'NotYetComputed') return { ok: false, reason: 'not-computed', nodeId: (e as Error & { nodeId: string }).nodeId };
    throw e;
  }
  let sum: Tensor | undefined;
  for (const p of paths) sum = sum ? backend.add(sum, p.contribution) : cloneTensor(p.contribution);
  const gradient = executor.edgeGrad(edgeId);
  const scalar = paths.every((p) => p.factors.every((f) => f.value !== undefined));
  return {
    ok: true,
    explanation: { edgeId, valueName: valueName(plan, edge.source, edge.sourceHandle), scalar, paths, totalPaths: search.total, sum, gradient },
  };
}

function explainPath(plan: Plan, executor: Executor, backend: Backend, path: readonly { id: string; target: string; targetHandle: string; source: string; sourceHandle: string }[]): ExplainedPath {
  const factors: ChainFactor[] = [];
  let upstream: Tensor | undefined;
  let outputPort: string | undefined;
  // Walk from the terminal back to the explained edge, applying each node's local step.
  for (let i = path.length - 1; i >= 0; i--) {
    const edge = path[i];
    const pn = plan.nodes.get(edge.target)!;
    const grad = localGradient(pn, executor, backend, edge.targetHandle, outputPort, upstream);
    const unitGrad = outputPort === undefined ? (grad.data.length === 1 ? grad : undefined) : singleNumberStep(pn, executor, backend, edge.targetHandle, outputPort);
    const numerator = outputPort === undefined ? 'L' : valueName(plan, pn.node.id, outputPort);
    const denominator = inputName(plan, pn.node.id, edge.targetHandle);
    factors.push({
      nodeId: pn.node.id,
      kind: pn.node.kind,
      numerator,
      denominator,
      inputPort: edge.targetHandle,
      outputPort,
      ...(unitGrad === undefined ? {} : { value: unitGrad.data[0], worked: workedLocal(scalarNumbers(pn, executor, edge.targetHandle, unitGrad.data[0])) }),
    });
    upstream = grad;
    outputPort = edge.sourceHandle;
  }
  return {
    edgeIds: path.map((e) => e.id),
    nodeIds: path.map((e) => e.target),
    factors,
    contribution: upstream!,
  };
}

/** The local derivative as one number, when the node's input and output on the path are single numbers. */
function singleNumberStep(pn: Parameters<typeof localGradient>[0], executor: Executor, backend: Backend, inputPort: string, outputPort: string): Tensor | undefined {
  const input = executor.inputValue(pn.node.id, inputPort);
  const output = executor.outputValue(pn.node.id, outputPort);
  if (!input || input.data.length !== 1 || (output && output.data.length !== 1)) return undefined;
  const one = { shape: output?.shape ?? [], data: new Float64Array([1]) } as Tensor;
  const unit = backend.dtype === 'float32' ? { shape: one.shape, data: Float32Array.from(one.data) } : one;
  return localGradient(pn, executor, backend, inputPort, outputPort, unit);
}

function scalarNumbers(pn: Parameters<typeof localGradient>[0], executor: Executor, inputPort: string, value: number) {
  const inputs: Record<string, number> = {};
  for (const [port, t] of Object.entries(nodeInputs(pn, executor))) inputs[port] = t.data[0];
  const firstOut = pn.op?.outputs[0];
  const out = firstOut ? executor.outputValue(pn.node.id, firstOut) : undefined;
  return { kind: pn.node.kind, inputPort, inputs, output: out?.data[0], value, params: pn.node.params };
}

/**
 * A node's local derivative ∂out/∂(input) with its numbers (Sigmoid: 0.731 × (1 − 0.731) = 0.197),
 * when the input and the first output are single numbers and the forward pass has reached the node.
 */
export function workedLocalAt(plan: Plan, executor: Executor, backend: Backend, nodeId: string, inputPort: string): { value: number; worked: WorkedLocal } | undefined {
  const pn = plan.nodes.get(nodeId);
  const outputPort = pn?.op?.outputs[0];
  if (!pn || !pn.op) return undefined;
  try {
    const step = outputPort === undefined ? localGradient(pn, executor, backend, inputPort, undefined, undefined) : singleNumberStep(pn, executor, backend, inputPort, outputPort);
    if (!step || step.data.length !== 1) return undefined;
    return { value: step.data[0], worked: workedLocal(scalarNumbers(pn, executor, inputPort, step.data[0])) };
  } catch {
    return undefined;
  }
}
