import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { fromArray, scalarValue } from '../tensor/tensor';
import { compile } from './compile';
import type { GraphDocument } from './document';
import { createExecutor } from './executor';
import { tensorToStored } from './stored-tensors';
import { documentOf } from './test-documents';

// y = s · W for a 1×1 Parameter W: stored weights must be checked by compile (validate), not by the first run.
const base = documentOf(
  [
    ['s', 'Scalar', { value: 2 }],
    ['W', 'Parameter', { rows: 1, cols: 1 }],
    ['y', 'Mul'],
    ['out', 'Output'],
  ],
  ['s.out -> y.x', 'W.out -> y.y', 'y.out -> out.x'],
);
const withTensors = (tensors: GraphDocument['tensors']): GraphDocument => ({ ...base, tensors });
const good = tensorToStored(fromArray([1, 1], [3]));

describe('stored tensors are validated by compile (issue 8, defect 4)', () => {
  it('accepts and uses good stored weights', () => {
    const plan = compile(withTensors({ W: good }));
    expect(plan.errors).toEqual([]);
    const ex = createExecutor(plan, { backend: createJsBackend('float64') });
    expect(ex.runForward().ok).toBe(true);
    expect(scalarValue(ex.outputValue('y', 'out')!)).toBe(6);
  });

  it('blames invalid base64 on the node that holds it', () => {
    const plan = compile(withTensors({ W: { ...good, data: 'AAC*Pw==' } }));
    expect(plan.errors.map((e) => [e.code, e.nodeId, e.message])).toEqual([
      ['stored_bad_data', 'W', 'Parameter node W: its stored tensor is damaged: base64 text has an invalid character "*" at position 3'],
    ]);
  });

  it('refuses data that does not fill the shape', () => {
    const plan = compile(withTensors({ W: { ...good, shape: [1, 2] } }));
    expect(plan.errors.map((e) => e.code)).toEqual(['stored_bad_data']);
    expect(plan.errors[0].message).toMatch(/^Parameter node W: its stored tensor is damaged: stored tensor of shape 1×2 needs 2 float32 values, its data holds 1$/);
  });

  it('refuses a tensor keyed by a node that does not exist, or one that holds no weights', () => {
    const plan = compile(withTensors({ W: good, ghost: good, s: good }));
    expect(plan.errors.map((e) => e.message)).toEqual([
      'the file stores a tensor for node ghost, but the graph has no such node',
      'Scalar node s: the file stores a tensor for it, but only Parameter nodes (weights and biases) hold one',
    ]);
  });

  it('refuses stored weights whose shape is not the Parameter’s rows and columns', () => {
    const plan = compile(withTensors({ W: tensorToStored(fromArray([2], [1, 2])) }));
    expect(plan.errors.map((e) => [e.nodeId, e.message])).toEqual([['W', 'Parameter node W: holds stored weights of shape 2 but its rows and columns say 1×1']]);
  });

  it('refuses a stored tensor whose shape is over the limit before decoding it', () => {
    const plan = compile(withTensors({ W: { ...good, shape: [100000, 100000] } }));
    expect(plan.errors.map((e) => e.message)).toEqual([
      'Parameter node W: its stored tensor of shape 100000×100000 is 10,000,000,000 values; one tensor may hold at most 67,108,864',
    ]);
  });
});
