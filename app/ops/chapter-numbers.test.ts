import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { fromArray, scalar, scalarValue, type Tensor } from '../tensor/tensor';
import type { OpContext, RegisteredOp, Params, PortValues } from './op';
import { getOp } from './registry';

const backend = createJsBackend('float64');

function context(params: Params = {}): OpContext {
  return { backend, params, nodeId: 'node' };
}

/** Runs one op forward then backward with the given upstream gradients. */
function runOp(op: RegisteredOp, inputs: PortValues, upstream: (outputs: PortValues) => PortValues, params: Params = {}) {
  const ctx = context(params);
  const { outputs, cache } = op.forward(inputs, ctx);
  const grads = op.backward(upstream(outputs), cache, inputs, ctx);
  return { outputs, grads };
}

const ones = (shapeOf: Tensor, value: number): Tensor => {
  const t = backend.scale(shapeOf, 0);
  t.data.fill(value);
  return t;
};

describe("the chapter's numbers", () => {
  it('add node 10 + 5 with upstream 1.3 gives 15 and gradients 1.3, 1.3', () => {
    const { outputs, grads } = runOp(getOp('Add'), { x: scalar(10), y: scalar(5) }, (o) => ({ out: ones(o.out, 1.3) }));
    expect(scalarValue(outputs.out)).toBe(15);
    expect(scalarValue(grads.x)).toBeCloseTo(1.3, 14);
    expect(scalarValue(grads.y)).toBeCloseTo(1.3, 14);
  });

  it('mul node 10 × 5 with upstream 1.3 gives 50 and gradients 6.5, 13', () => {
    const { outputs, grads } = runOp(getOp('Mul'), { x: scalar(10), y: scalar(5) }, (o) => ({ out: ones(o.out, 1.3) }));
    expect(scalarValue(outputs.out)).toBe(50);
    expect(scalarValue(grads.x)).toBeCloseTo(6.5, 12);
    expect(scalarValue(grads.y)).toBeCloseTo(13, 12);
  });

  it('the Output node seeds the backward pass with its upstream gradient, in the shape of x', () => {
    const { grads } = runOp(getOp('Output'), { x: scalar(220) }, () => ({}), { grad: 1.3 });
    expect(grads.x.shape).toEqual([]);
    expect(scalarValue(grads.x)).toBe(1.3);
  });

  it('Softmax-with-Loss on logits ln 0.3, ln 0.2, ln 0.5 with label (0, 1, 0): softmax (0.3, 0.2, 0.5), dx (0.3, −0.8, 0.5)', () => {
    const op = getOp('SoftmaxWithLoss');
    const x = fromArray([1, 3], [Math.log(0.3), Math.log(0.2), Math.log(0.5)]);
    const t = fromArray([1, 3], [0, 1, 0]);
    const ctx = context();
    const { outputs, cache } = op.forward({ x, t }, ctx);
    expect(Array.from(backend.softmax(x).data).map((v) => +v.toFixed(12))).toEqual([0.3, 0.2, 0.5]);
    expect(scalarValue(outputs.out)).toBeCloseTo(-Math.log(0.2 + 1e-7), 12);
    const { x: dx } = op.backward({ out: scalar(1) }, cache, { x, t }, ctx);
    expect(dx.shape).toEqual([1, 3]);
    expect(Array.from(dx.data).map((v) => +v.toFixed(12))).toEqual([0.3, -0.8, 0.5]);
  });

  it('the Sigmoid node equals its decomposition ×(−1) → exp → +1 → 1/x, forward and backward', () => {
    const x = fromArray([2, 3], [-2, -0.5, 0, 0.3, 1, 4]);
    const upstream = fromArray([2, 3], [1.3, -0.7, 2, 0.5, 1, -1.1]);

    const sigmoid = runOp(getOp('Sigmoid'), { x }, () => ({ out: upstream }));
    const y = sigmoid.outputs.out;

    // Forward op by op, as in the chapter's figure.
    const ctx = context();
    const mul = getOp('Mul').forward({ x, y: scalar(-1) }, ctx);
    const exp = getOp('Exp').forward({ x: mul.outputs.out }, ctx);
    const add = getOp('Add').forward({ x: exp.outputs.out, y: scalar(1) }, ctx);
    const rec = getOp('Reciprocal').forward({ x: add.outputs.out }, ctx);
    for (let i = 0; i < 6; i++) expect(rec.outputs.out.data[i]).toBeCloseTo(y.data[i], 15);

    // Backward op by op in reverse order.
    const dRec = getOp('Reciprocal').backward({ out: upstream }, rec.cache, { x: add.outputs.out }, ctx).x;
    const dAdd = getOp('Add').backward({ out: dRec }, add.cache, { x: exp.outputs.out, y: scalar(1) }, ctx).x;
    const dExp = getOp('Exp').backward({ out: dAdd }, exp.cache, { x: mul.outputs.out }, ctx).x;
    const dMul = getOp('Mul').backward({ out: dExp }, mul.cache, { x, y: scalar(-1) }, ctx).x;

    for (let i = 0; i < 6; i++) {
      const expected = upstream.data[i] * y.data[i] * (1 - y.data[i]);
      expect(sigmoid.grads.x.data[i]).toBeCloseTo(expected, 15);
      expect(dMul.data[i]).toBeCloseTo(expected, 14);
    }
  });
});
