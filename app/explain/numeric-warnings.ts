import type { Plan } from '../graph/compile';
import type { Executor } from '../graph/executor';
import type { Tensor } from '../tensor/tensor';
import { factorText, numberText } from './numbers';

/** Where a value or gradient first stopped being a finite number, and how. */
export interface NumericWarning {
  readonly nodeId: string;
  readonly direction: 'forward' | 'backward';
  /** 'overflow': ±∞ from finite numbers; 'nan': NaN from finite numbers. */
  readonly kind: 'overflow' | 'nan';
  /** The computation with its numbers, e.g. "1e308 × 2", when its inputs are single numbers. */
  readonly worked?: string;
  /** Every edge whose value or gradient is not finite. */
  readonly edgeIds: readonly string[];
  /** Every node with a value or gradient that is not finite. */
  readonly nodeIds: readonly string[];
}

const finite = (t: Tensor | undefined) => !t || t.data.every(Number.isFinite);
const badKind = (t: Tensor): 'overflow' | 'nan' => (t.data.some(Number.isNaN) ? 'nan' : 'overflow');

/**
 * The first node, in the order the passes ran, whose output (forward) or input gradients (backward)
 * hold ±∞ or NaN although what it received was finite; undefined when every number is finite.
 */
export function findNumericWarning(plan: Plan, executor: Executor): NumericWarning | undefined {
  let first: Omit<NumericWarning, 'edgeIds' | 'nodeIds'> | undefined;
  for (const id of plan.order) {
    const pn = plan.nodes.get(id)!;
    const inputs = (pn.op?.inputs ?? []).map((p) => executor.inputValue(id, p));
    const outputs = (pn.op?.outputs ?? []).map((p) => executor.outputValue(id, p));
    const bad = outputs.find((t) => t && !finite(t));
    if (bad && inputs.every(finite)) {
      first = { nodeId: id, direction: 'forward', kind: badKind(bad), ...worked(pn.node.kind, inputs) };
      break;
    }
  }
  if (!first) {
    for (let i = plan.order.length - 1; i >= 0; i--) {
      const id = plan.order[i];
      const pn = plan.nodes.get(id)!;
      const grads = (pn.op?.inputs ?? []).map((p) => executor.inputGrad(id, p));
      const upstream = (pn.op?.outputs ?? []).map((p) => executor.outputGrad(id, p));
      const bad = grads.find((t) => t && !finite(t));
      if (bad && upstream.every(finite)) {
        first = { nodeId: id, direction: 'backward', kind: badKind(bad) };
        break;
      }
    }
  }
  if (!first) return undefined;
  const edgeIds = [...plan.edges.keys()].filter((e) => !finite(executor.edgeValue(e)) || !finite(executor.edgeGrad(e)));
  const nodeIds = plan.order.filter((id) => {
    const op = plan.nodes.get(id)!.op;
    return (op?.outputs ?? []).some((p) => !finite(executor.outputValue(id, p)) || !finite(executor.outputGrad(id, p))) || (op?.inputs ?? []).some((p) => !finite(executor.inputGrad(id, p)));
  });
  return { ...first, edgeIds, nodeIds };
}

const SYMBOL: Readonly<Record<string, string>> = { Mul: '×', Add: '+', MatMul: '·' };

/** "1e308 × 2" for a binary op, "exp(800)" for a function, when every input is a single number. */
function worked(kind: string, inputs: readonly (Tensor | undefined)[]): { worked?: string } {
  if (inputs.length === 0 || !inputs.every((t) => t && t.data.length === 1)) return {};
  const numbers = inputs.map((t) => t!.data[0]);
  if (SYMBOL[kind] && numbers.length === 2) return { worked: `${numberText(numbers[0])} ${SYMBOL[kind]} ${factorText(numbers[1])}` };
  if (kind === 'Reciprocal') return { worked: `1 / ${factorText(numbers[0])}` };
  return { worked: `${kind.toLowerCase()}(${numbers.map((n) => numberText(n)).join(', ')})` };
}
