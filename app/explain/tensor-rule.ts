import type { Plan } from '../graph/compile';
import type { Executor } from '../graph/executor';
import { formatShape } from '../tensor/format-shape';
import type { Tensor } from '../tensor/tensor';
import { factorText, numberText } from './numbers';

/** Terms of a sum an element's worked number shows before "…". */
export const MAX_SHOWN_TERMS = 4;

/**
 * The chain rule at one node, at the level of whole tensors: the gradient an edge carries back as
 * the target node's rule applied to the gradient on its output, e.g. dX = dY · Wᵀ with
 * 3×784 = 3×50 · 50×784; and for one element, that element's number worked out.
 */
export interface TensorRule {
  /** KaTeX of the rule, e.g. dX = dY \cdot W^{T}. */
  readonly tex: string;
  /** The shapes in the same order, e.g. 3×784 = 3×50 · 50×784. */
  readonly shapes: string;
  /** The element's number worked out; flat index into the edge's gradient. */
  element(index: number): WorkedElement;
}

export interface WorkedElement {
  /** "[0, 5]" */
  readonly at: string;
  /** Each term with its numbers, e.g. "0.1 × 0.2"; the first MAX_SHOWN_TERMS of them. */
  readonly terms: readonly string[];
  /** How many terms were left out of `terms`. */
  readonly moreTerms: number;
  /** The element's value computed from all the terms. */
  readonly value: number;
}

const cols = (t: Tensor) => (t.shape.length >= 2 ? t.shape[t.shape.length - 1] : t.shape.length === 1 ? t.shape[0] : 1);
const indexText = (t: Tensor, flat: number) => (t.shape.length <= 1 ? `[${flat}]` : `[${Math.floor(flat / cols(t))}, ${flat % cols(t)}]`);
const f = (x: number) => factorText(x, 4);

function worked(at: string, terms: { text: string; value: number }[]): WorkedElement {
  return {
    at,
    terms: terms.slice(0, MAX_SHOWN_TERMS).map((t) => t.text),
    moreTerms: Math.max(0, terms.length - MAX_SHOWN_TERMS),
    value: terms.reduce((s, t) => s + t.value, 0),
  };
}

/** Element [i, j] of a matrix product worked out: the sum over m < count of a(i, m) × b(j, m). */
function productElement(grad: Tensor, flat: number, count: number, a: (i: number, m: number) => number, b: (j: number, m: number) => number): WorkedElement {
  const i = Math.floor(flat / cols(grad));
  const j = flat % cols(grad);
  return worked(`[${i}, ${j}]`, Array.from({ length: count }, (_, m) => ({ text: `${f(a(i, m))} × ${f(b(j, m))}`, value: a(i, m) * b(j, m) })));
}

/** The output elements an input element was broadcast to: itself, every element (a scalar), or a column. */
function broadcastSources(input: Tensor, output: Tensor, flat: number): number[] {
  if (input.data.length === output.data.length) return [flat];
  if (input.data.length === 1) return Array.from(output.data, (_, i) => i);
  const c = cols(output);
  return Array.from({ length: output.data.length / c }, (_, r) => r * c + (flat % c));
}

/** Elementwise rules: dX = dY ⊙ local, the local factor from the node's values at that element. */
const ELEMENTWISE: Readonly<Record<string, { tex: string; local: (x: number, y: number) => { text: string; value: number } }>> = {
  Relu: { tex: 'dX = dY \\odot [X > 0]', local: (x) => ({ text: x > 0 ? '1' : '0', value: x > 0 ? 1 : 0 }) },
  Sigmoid: { tex: 'dX = dY \\odot Y(1 - Y)', local: (_x, y) => ({ text: `${f(y)} × (1 − ${f(y)})`, value: y * (1 - y) }) },
  Exp: { tex: 'dX = dY \\odot e^{X}', local: (_x, y) => ({ text: f(y), value: y }) },
  Reciprocal: { tex: 'dX = -dY \\odot \\frac{1}{X^{2}}', local: (x, y) => ({ text: `(−1 / ${f(x)}²)`, value: -(y * y) }) },
};

/**
 * The rule on the edge `edgeId` at its target node, once the backward pass has reached that node
 * (undefined before, or for a kind with no tensor rule). A scalar's shape is written `scalarWord`.
 */
export function tensorRule(plan: Plan, executor: Executor, edgeId: string, scalarWord?: string): TensorRule | undefined {
  const dims = (t: Tensor) => formatShape(t.shape, scalarWord);
  const transposed = (t: Tensor) => (t.shape.length === 2 ? formatShape([t.shape[1], t.shape[0]]) : dims(t));
  const edge = plan.edges.get(edgeId);
  if (!edge) return undefined;
  const pn = plan.nodes.get(edge.target)!;
  const id = pn.node.id;
  const port = edge.targetHandle;
  const grad = executor.edgeGrad(edgeId);
  const input = (p: string) => executor.inputValue(id, p);
  const x = input(port);
  if (!grad || !x) return undefined;
  const kind = pn.node.kind;

  if (pn.op?.terminal) {
    const g = grad.data[0];
    return { tex: 'dX = g', shapes: `${dims(grad)} = g`, element: (i) => worked(indexText(grad, i), [{ text: numberText(g), value: grad.data[i] }]) };
  }
  const dY = executor.outputGrad(id, 'out');
  const Y = executor.outputValue(id, 'out');
  if (!dY) return undefined;

  if ((kind === 'MatMul' || kind === 'Affine') && port === 'x') {
    const W = input('W')!;
    return {
      tex: 'dX = dY \\cdot W^{T}',
      shapes: `${dims(grad)} = ${dims(dY)} · ${transposed(W)}`,
      element: (flat) => productElement(grad, flat, cols(dY), (i, m) => dY.data[i * cols(dY) + m], (j, m) => W.data[j * cols(dY) + m]),
    };
  }
  if ((kind === 'MatMul' || kind === 'Affine') && port === 'W') {
    const X = input('x')!;
    return {
      tex: 'dW = X^{T} \\cdot dY',
      shapes: `${dims(grad)} = ${transposed(X)} · ${dims(dY)}`,
      element: (flat) => productElement(grad, flat, X.data.length / cols(X), (i, r) => X.data[r * cols(X) + i], (j, r) => dY.data[r * cols(dY) + j]),
    };
  }
  if (kind === 'Affine' && port === 'b') {
    return {
      tex: 'dB = \\sum_{n} dY_{n}',
      shapes: `${dims(grad)} = Σₙ ${dims(dY)}`,
      element: (flat) => worked(indexText(grad, flat), broadcastSources(x, dY, flat).map((k) => ({ text: f(dY.data[k]), value: dY.data[k] }))),
    };
  }
  if (kind === 'Add') {
    const summed = x.data.length !== dY.data.length;
    return {
      tex: summed ? 'dX = \\textstyle\\sum dY' : 'dX = dY',
      shapes: summed ? `${dims(grad)} = Σ ${dims(dY)}` : `${dims(grad)} = ${dims(dY)}`,
      element: (flat) => worked(indexText(grad, flat), broadcastSources(x, dY, flat).map((k) => ({ text: f(dY.data[k]), value: dY.data[k] }))),
    };
  }
  if (kind === 'Mul') {
    const other = input(port === 'x' ? 'y' : 'x')!;
    const at = (t: Tensor, k: number) => (t.data.length === 1 ? t.data[0] : t.data.length === dY.data.length ? t.data[k] : t.data[k % cols(dY)]);
    const summed = x.data.length !== dY.data.length;
    const name = port === 'x' ? 'Y' : 'X';
    return {
      tex: `d${port.toUpperCase()} = ${summed ? '\\textstyle\\sum ' : ''}dOut \\odot ${name}`,
      shapes: `${dims(grad)} = ${summed ? 'Σ ' : ''}${dims(dY)} ⊙ ${dims(other)}`,
      element: (flat) => worked(indexText(grad, flat), broadcastSources(x, dY, flat).map((k) => ({ text: `${f(dY.data[k])} × ${f(at(other, k))}`, value: dY.data[k] * at(other, k) }))),
    };
  }
  const unary = ELEMENTWISE[kind];
  if (unary && Y) {
    return {
      tex: unary.tex,
      shapes: `${dims(grad)} = ${dims(dY)} ⊙ ${dims(Y)}`,
      element(flat) {
        const local = unary.local(x.data[flat], Y.data[flat]);
        return worked(indexText(grad, flat), [{ text: `${f(dY.data[flat])} × ${local.text}`, value: dY.data[flat] * local.value }]);
      },
    };
  }
  if (kind === 'Softmax' && Y) {
    return {
      tex: 'dX = Y \\odot \\left(dY - \\textstyle\\sum_{k} dY_{k} Y_{k}\\right)',
      shapes: `${dims(grad)} = ${dims(Y)} ⊙ ${dims(dY)}`,
      element(flat) {
        const c = cols(Y);
        const row = Math.floor(flat / c) * c;
        let dot = 0;
        for (let k = 0; k < c; k++) dot += dY.data[row + k] * Y.data[row + k];
        return worked(indexText(grad, flat), [{ text: `${f(Y.data[flat])} × (${f(dY.data[flat])} − ${f(dot)})`, value: Y.data[flat] * (dY.data[flat] - dot) }]);
      },
    };
  }
  if (kind === 'SoftmaxWithLoss' || kind === 'CrossEntropy') {
    const t = input('t')!;
    const n = t.shape.length === 2 ? t.shape[0] : 1;
    const dL = dY.data[0];
    const y = kind === 'SoftmaxWithLoss' ? softmaxRows(input('x')!) : input('y')!.data;
    const probability = kind === 'SoftmaxWithLoss' ? 'x' : 'y';
    if (port === probability && kind === 'SoftmaxWithLoss') {
      return {
        tex: 'dX = dL \\cdot \\frac{Y - T}{N}',
        shapes: `${dims(grad)} = (${dims(x)} − ${dims(t)}) / ${n}`,
        element: (flat) => worked(indexText(grad, flat), [{ text: `${f(dL)} × (${f(y[flat])} − ${f(t.data[flat])}) / ${n}`, value: (dL * (y[flat] - t.data[flat])) / n }]),
      };
    }
    if (port === probability) {
      return {
        tex: 'dY = -dL \\cdot \\frac{T}{N (Y + 10^{-7})}',
        shapes: `${dims(grad)} = ${dims(t)} / ${dims(x)}`,
        element: (flat) => worked(indexText(grad, flat), [{ text: `−${f(dL)} × ${f(t.data[flat])} / (${n} × (${f(x.data[flat])} + 1e−7))`, value: (-dL * t.data[flat]) / (n * (x.data[flat] + 1e-7)) }]),
      };
    }
    return {
      tex: 'dT = -dL \\cdot \\frac{\\log (Y + 10^{-7})}{N}',
      shapes: `${dims(grad)} = log ${dims(t)} / ${n}`,
      element: (flat) => worked(indexText(grad, flat), [{ text: `−${f(dL)} × log(${f(y[flat])} + 1e−7) / ${n}`, value: (-dL * Math.log(y[flat] + 1e-7)) / n }]),
    };
  }
  return undefined;
}

/** Softmax of each row, in float64 (the values SoftmaxWithLoss keeps to itself). */
function softmaxRows(x: Tensor): Float64Array {
  const c = cols(x);
  const out = new Float64Array(x.data.length);
  for (let row = 0; row < x.data.length; row += c) {
    let max = -Infinity;
    for (let k = 0; k < c; k++) max = Math.max(max, x.data[row + k]);
    let total = 0;
    for (let k = 0; k < c; k++) total += out[row + k] = Math.exp(x.data[row + k] - max);
    for (let k = 0; k < c; k++) out[row + k] /= total;
  }
  return out;
}
