import type { Plan } from '../graph/compile';
import { CodedError, englishMessage, messageOf, type Message } from '../i18n/messages';
import { createExecutor, type Executor } from '../graph/executor';
import type { DataProvider } from '../ops/op';
import { createJsBackend } from '../tensor/js-backend';
import { allocate, cloneTensor, fromArray, type Tensor } from '../tensor/tensor';
import { maxRelError, meanAbsDiff } from './compare';
import { numericalGradient } from './numerical';

/**
 * The chapter's gradient check on a whole graph: for every source that needs a gradient, the
 * gradient backprop sends it against the centred numerical gradient of the result, in float64.
 * "The result" is what the Output nodes' upstream gradients imply: Σ over Outputs of grad · Σ input.
 */
export interface GraphGradcheckOptions {
  readonly data?: DataProvider;
  readonly storedTensors?: ReadonlyMap<string, Tensor>;
  readonly h?: number;
  /**
   * Check at most this many elements of each source, spread evenly over it (all when unset). The
   * full check of the two-layer net's W1 takes 78,400 forward passes; a spread sample gives the same
   * order of difference in a fraction of the time.
   */
  readonly maxElements?: number;
}

export interface SourceGradcheck {
  readonly nodeId: string;
  readonly kind: string;
  readonly label?: string;
  readonly port: string;
  readonly shape: readonly number[];
  /** How many elements were compared (all of them unless maxElements was set). */
  readonly checked: number;
  readonly meanAbsDiff: number;
  readonly maxRelError: number;
  /** Backprop's and the numerical gradient at the checked elements (the whole tensor when all were checked). */
  readonly backprop: Tensor;
  readonly numerical: Tensor;
}

export type GraphGradcheckResult =
  | { readonly ok: true; readonly objective: number; readonly sources: readonly SourceGradcheck[] }
  /** With the catalog code of what stopped it, when it has one (the app says it in its language). */
  | ({ readonly ok: false } & Message);

/** Parameter nodes; when the graph has none, its Scalar and Tensor sources. */
export function sourcesToCheck(plan: Plan): string[] {
  const inOrder = plan.order.map((id) => plan.nodes.get(id)!);
  const trainable = inOrder.filter((pn) => pn.op?.trainable);
  const chosen = trainable.length > 0 ? trainable : inOrder.filter((pn) => pn.node.kind === 'Scalar' || pn.node.kind === 'Tensor');
  return chosen.map((pn) => pn.node.id);
}

export function gradcheckGraph(plan: Plan, options: GraphGradcheckOptions = {}): GraphGradcheckResult {
  const h = options.h ?? 1e-4;
  const executor = createExecutor(plan, { backend: createJsBackend('float64'), data: options.data, storedTensors: options.storedTensors });
  const forward = executor.runForward();
  if (!forward.ok) return failure(forward);
  const backward = executor.runBackward();
  if (!backward.ok) return failure(backward);

  const seeds = plan.outputNodeIds.flatMap((id) =>
    plan.nodes.get(id)!.op!.inputs.map((port) => ({ id, port, seed: cloneTensor(executor.inputGrad(id, port)!) })),
  );
  const objective = (): number => {
    let total = 0;
    for (const { id, port, seed } of seeds) {
      const value = executor.inputValue(id, port)!;
      for (let i = 0; i < value.data.length; i++) total += seed.data[i] * value.data[i];
    }
    return total;
  };
  const base = objective();

  const sourceIds = sourcesToCheck(plan);
  if (sourceIds.length === 0) return { ok: false, message: englishMessage('gradcheck_no_source', {}), code: 'gradcheck_no_source', params: {} };
  const backprops = sourceIds.flatMap((id) =>
    Object.keys(plan.nodes.get(id)!.outputEdges).map((port) => ({ id, port, grad: cloneTensor(executor.outputGrad(id, port)!) })),
  );

  const sources: SourceGradcheck[] = [];
  try {
    for (const { id, port, grad } of backprops) {
      const value = executor.outputValue(id, port)!;
      const f = () => rerun(executor, id, objective);
      const sample = options.maxElements !== undefined && options.maxElements < value.data.length ? spread(value.data.length, options.maxElements) : undefined;
      const numerical = sample ? numericalGradientAt(f, value, sample, h) : numericalGradient(f, value, h);
      // The last evaluation left everything downstream computed at x − h: bring it back to x.
      rerun(executor, id, objective);
      const backprop = sample ? fromArray([sample.length], Array.from(sample, (i) => grad.data[i])) : grad;
      const node = plan.nodes.get(id)!.node;
      sources.push({
        nodeId: id,
        kind: node.kind,
        label: node.label,
        port,
        shape: [...value.shape],
        checked: backprop.data.length,
        meanAbsDiff: meanAbsDiff(backprop, numerical),
        maxRelError: maxRelError(backprop, numerical),
        backprop,
        numerical,
      });
    }
  } catch (e) {
    return failure(messageOf(e));
  }
  return { ok: true, objective: base, sources };
}

const failure = ({ message, code, params }: Message): GraphGradcheckResult => ({ ok: false, message, ...(code ? { code, params } : {}) });

/** `count` indices spread evenly over 0..n−1, the first and last included. */
function spread(n: number, count: number): Int32Array {
  const k = Math.max(1, Math.floor(count));
  return Int32Array.from({ length: k }, (_, j) => (k === 1 ? 0 : Math.round((j * (n - 1)) / (k - 1))));
}

/** numericalGradient's centred difference, at the given elements only. */
function numericalGradientAt(f: () => number, x: Tensor, indices: Int32Array, h: number): Tensor {
  const grad = allocate([indices.length], 'float64');
  indices.forEach((index, j) => {
    const original = x.data[index];
    x.data[index] = original + h;
    const above = f();
    x.data[index] = original - h;
    const below = f();
    x.data[index] = original;
    grad.data[j] = (above - below) / (2 * h);
  });
  return grad;
}

function rerun(executor: Executor, sourceId: string, objective: () => number): number {
  const result = executor.rerunDownstreamOf(sourceId);
  if (!result.ok) throw result.code ? new CodedError(result.code, result.params) : new Error(result.message);
  return objective();
}
