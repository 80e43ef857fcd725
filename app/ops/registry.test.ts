import { describe, expect, it } from 'vitest';
import { OP_CATEGORIES } from './op';
import { getOp, hasOp, listOps, opRegistry } from './registry';

// Generated from the registry itself: adding an op file and its row is all a new kind needs.
const KINDS = listOps().map((op) => op.kind);

describe('the op registry', () => {
  it('lists every kind once, in palette order grouped by category, and looks each up by its kind', () => {
    const ops = listOps();
    expect(new Set(KINDS).size).toBe(KINDS.length);
    for (const kind of ['Scalar', 'Mul', 'Relu', 'Tanh', 'LeakyRelu', 'Affine', 'SoftmaxWithLoss']) expect(KINDS).toContain(kind);
    const categoryIndices = ops.map((op) => OP_CATEGORIES.indexOf(op.category));
    expect(categoryIndices.every((c) => c >= 0)).toBe(true);
    expect([...categoryIndices].sort((a, b) => a - b)).toEqual(categoryIndices);
    expect(Object.keys(opRegistry).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)('%s has a description, ports, parameters with defaults, and a formula for each input', (kind) => {
    const op = getOp(kind);
    expect(op.kind).toBe(kind);
    expect(op.title.length).toBeGreaterThan(0);
    expect(op.description.length).toBeGreaterThan(10);
    expect(op.description).not.toContain('\n');
    expect(op.inputs.length + op.outputs.length).toBeGreaterThan(0);
    expect(op.formula.forward.length).toBeGreaterThan(0);
    expect(Object.keys(op.formula.derivatives).sort()).toEqual([...op.inputs].sort());
    for (const input of op.inputs) expect(op.formula.derivatives[input].length).toBeGreaterThan(0);
    for (const param of op.params) {
      expect(param.label.length).toBeGreaterThan(0);
      if (param.type === 'select') expect(param.options).toContain(param.default);
    }
  });

  it('marks exactly Parameter trainable and exactly Output terminal', () => {
    expect(listOps().filter((op) => op.trainable).map((op) => op.kind)).toEqual(['Parameter']);
    expect(listOps().filter((op) => op.terminal).map((op) => op.kind)).toEqual(['Output']);
    expect(getOp('Output').outputs).toEqual([]);
  });

  it('uses the port names the graph files rely on', () => {
    expect([getOp('Mul').inputs, getOp('Add').inputs]).toEqual([['x', 'y'], ['x', 'y']]);
    expect(getOp('MatMul').inputs).toEqual(['x', 'W']);
    expect(getOp('Affine').inputs).toEqual(['x', 'W', 'b']);
    expect(getOp('SoftmaxWithLoss').inputs).toEqual(['x', 't']);
    expect(getOp('CrossEntropy').inputs).toEqual(['y', 't']);
    expect(getOp('MnistBatch').outputs).toEqual(['x', 't']);
  });

  it('files each op under its palette group and fills in the defaults: the title is the kind, one output `out`, no parameters', () => {
    const sigmoid = getOp('Sigmoid');
    expect([sigmoid.category, sigmoid.title, sigmoid.outputs, sigmoid.params]).toEqual(['layer', 'Sigmoid', ['out'], []]);
    expect(getOp('Mul').title).toBe('Multiply');
    expect(listOps().every((op) => op.title.length > 0 && Array.isArray(op.outputs) && Array.isArray(op.params))).toBe(true);
  });

  it('refuses an unknown kind with a sentence naming it', () => {
    expect(hasOp('Conv2D')).toBe(false);
    expect(hasOp('toString')).toBe(false);
    expect(() => getOp('Conv2D')).toThrow("unknown node kind 'Conv2D'");
    expect(hasOp('Mul')).toBe(true);
  });
});
