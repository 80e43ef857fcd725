import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { scalar, scalarValue, type Tensor } from '../tensor/tensor';
import type { OpContext, OpDefinition, Params, PortValues } from './op';
import { getOp } from './registry';

const backend = createJsBackend('float64');

function context(params: Params = {}): OpContext {
  return { backend, params, nodeId: 'node' };
}

/** Runs one op forward then backward with the given upstream gradients. */
function runOp(op: OpDefinition, inputs: PortValues, upstream: (outputs: PortValues) => PortValues, params: Params = {}) {
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
});
