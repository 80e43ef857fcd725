import { LOCAL_DIGITS, factorText, numberText } from './numbers';

/** One local derivative of a scalar node written out: its rule, and the rule with the numbers put in. */
export interface WorkedLocal {
  /** KaTeX of the rule in the op's own symbols, e.g. y(1 - y). */
  readonly ruleTex: string;
  /** Plain text with the numbers, e.g. "0.731 × (1 − 0.731) = 0.197". */
  readonly worked: string;
}

export interface ScalarNodeNumbers {
  readonly kind: string;
  /** The input the derivative is taken with respect to. */
  readonly inputPort: string;
  readonly inputs: Readonly<Record<string, number>>;
  /** The node's (first) output value, when it has one. */
  readonly output?: number;
  /** The local derivative itself, as the op's backward computed it. */
  readonly value: number;
  readonly params: Readonly<Record<string, unknown>>;
}

const n = (x: number) => numberText(x, LOCAL_DIGITS);
const f = (x: number) => factorText(x, LOCAL_DIGITS);

/**
 * The chapter's "with the numbers" for a node whose values are single numbers: Mul swaps its inputs
 * (∂out/∂x = y = 1.1), Sigmoid gives y(1 − y) = 0.731 × (1 − 0.731) = 0.197, and so on for every op.
 */
export function workedLocal(node: ScalarNodeNumbers): WorkedLocal {
  const { kind, inputPort: port, inputs, output = Number.NaN, value } = node;
  const other = (a: string, b: string) => (port === a ? b : a);
  switch (kind) {
    case 'Output':
      return { ruleTex: 'g', worked: `g = ${n(value)}` };
    case 'Add':
      return { ruleTex: '1', worked: '1' };
    case 'Mul':
      return { ruleTex: other('x', 'y'), worked: `${other('x', 'y')} = ${n(inputs[other('x', 'y')])}` };
    case 'MatMul':
      return port === 'x' ? { ruleTex: 'W', worked: `W = ${n(inputs.W)}` } : { ruleTex: 'x', worked: `x = ${n(inputs.x)}` };
    case 'Affine':
      if (port === 'b') return { ruleTex: '1', worked: '1' };
      return port === 'x' ? { ruleTex: 'W', worked: `W = ${n(inputs.W)}` } : { ruleTex: 'x', worked: `x = ${n(inputs.x)}` };
    case 'Exp':
      return { ruleTex: 'e^{x}', worked: `e^${f(inputs.x)} = ${n(value)}` };
    case 'Reciprocal':
      return { ruleTex: '-\\frac{1}{x^{2}}', worked: `−1 / ${f(inputs.x)}² = ${n(value)}` };
    case 'Sigmoid':
      return { ruleTex: 'y(1 - y)', worked: `${n(output)} × (1 − ${n(output)}) = ${n(value)}` };
    case 'Relu':
      return { ruleTex: '\\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}', worked: `x = ${n(inputs.x)} ${inputs.x > 0 ? '>' : '≤'} 0 → ${n(value)}` };
    default:
      return { ruleTex: `\\frac{\\partial out}{\\partial ${port}}`, worked: n(value) };
  }
}
