import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { scalarValue, type Tensor } from '../tensor/tensor';
import { compile } from './compile';
import { createExecutor, type Executor } from './executor';
import { parseGraphDocument, serializeGraphDocument } from './parse';

// The chapter's numbers (the README's table of examples), each through its example file and the step executor.
const examplesDir = join(__dirname, '../../assets/examples');

function runExample(file: string): Executor {
  const parsed = parseGraphDocument(readFileSync(join(examplesDir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const plan = compile(parsed.document);
  expect(plan.errors).toEqual([]);
  const executor = createExecutor(plan, { backend: createJsBackend('float64') });
  expect(executor.runForward()).toMatchObject({ ok: true });
  expect(executor.runBackward()).toMatchObject({ ok: true });
  return executor;
}

const num = (t: Tensor | undefined) => scalarValue(t!);
const values = (t: Tensor | undefined) => Array.from(t!.data);
/** Equal but for the rounding of a few float64 operations (relative 1e-13). */
const expectNear = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-13 * Math.abs(expected));

describe("the chapter's examples", () => {
  // The chapter's apple examples: the total paid and the gradient of each price, count and tax.
  it.each([
    ['01-apple.json', 220, { apple: 2.2, apple_count: 110, tax: 200 }],
    ['02-apple-orange.json', 715, { apple_count: 110, apple: 2.2, orange: 3.3, orange_count: 165, tax: 650 }],
  ] as const)('%s: total %d, and the gradients %j', (file, total, grads) => {
    const ex = runExample(file);
    expectNear(num(ex.inputValue('total', 'x')), total);
    for (const [id, grad] of Object.entries(grads)) expectNear(num(ex.outputGrad(id, 'out')), grad);
  });

  it('03 add node: 10 + 5 = 15, upstream 1.3 gives 1.3 and 1.3', () => {
    const ex = runExample('03-add-node.json');
    expect(num(ex.edgeValue('e3'))).toBe(15);
    expect(num(ex.edgeGrad('e1'))).toBeCloseTo(1.3, 14);
    expect(num(ex.edgeGrad('e2'))).toBeCloseTo(1.3, 14);
  });

  it('04 mul node: 10 × 5 = 50, upstream 1.3 gives 6.5 and 13', () => {
    const ex = runExample('04-mul-node.json');
    expect(num(ex.edgeValue('e3'))).toBe(50);
    expect(num(ex.edgeGrad('e1'))).toBeCloseTo(6.5, 12);
    expect(num(ex.edgeGrad('e2'))).toBeCloseTo(13, 12);
  });

  it('05 ReLU: passes x > 0 forward and backward, blocks the rest', () => {
    const ex = runExample('05-relu.json');
    expect(values(ex.edgeValue('e2'))).toEqual([1, 0, 0, 3]);
    expect(values(ex.edgeGrad('e1'))).toEqual([1, 0, 0, 1]);
  });

  it('06 Sigmoid equals its decomposition, forward and backward: dL/dy · y(1 − y)', () => {
    const ex = runExample('06-sigmoid-decomposed.json');
    const y = 1 / (1 + Math.exp(-1));
    expect(num(ex.inputValue('y_sigmoid', 'x'))).toBeCloseTo(y, 15);
    expect(num(ex.inputValue('y_steps', 'x'))).toBeCloseTo(y, 15);
    expect(num(ex.edgeGrad('e1'))).toBeCloseTo(y * (1 - y), 15);
    expect(num(ex.edgeGrad('e3'))).toBeCloseTo(y * (1 - y), 15);
    // x fans out to both, so its own gradient is the sum of the two equal shares.
    expect(num(ex.outputGrad('x', 'out'))).toBeCloseTo(2 * y * (1 - y), 15);
  });

  it('07 Affine on a batch of 2: X·W + B = [[1, 2, 3], [11, 12, 13]]; dB is the column sums [5, 7, 9]', () => {
    const ex = runExample('07-affine-batch.json');
    expect(values(ex.edgeValue('e4'))).toEqual([1, 2, 3, 11, 12, 13]);
    expect(values(ex.edgeGrad('e4'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(ex.edgeGrad('e3'))).toEqual([5, 7, 9]);
    expect(ex.edgeGrad('e2')!.shape).toEqual([2, 3]);
    expect(values(ex.edgeGrad('e2'))).toEqual([20, 25, 30, 20, 25, 30]);
  });

  it('08 Softmax-with-Loss: softmax (0.3, 0.2, 0.5), label (0, 1, 0) gives dx (0.3, −0.8, 0.5)', () => {
    const ex = runExample('08-softmax-with-loss.json');
    const dx = values(ex.edgeGrad('e1'));
    [0.3, -0.8, 0.5].forEach((expected, i) => expect(dx[i]).toBeCloseTo(expected, 7));
    expect(num(ex.edgeValue('e3'))).toBeCloseTo(-Math.log(0.2 + 1e-7), 12);
  });

  it('09 two-layer net compiles to the 784-50-10 shapes', () => {
    const parsed = parseGraphDocument(readFileSync(join(examplesDir, '09-two-layer-net.json'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error);
    const plan = compile(parsed.document);
    expect(plan.errors).toEqual([]);
    expect(plan.nodes.get('affine1')!.inputShapes).toEqual({ x: [3, 784], W: [784, 50], b: [50] });
    expect(plan.nodes.get('affine2')!.outputShapes).toEqual({ out: [3, 10] });
  });
});

describe('the example files', () => {
  it('are stored exactly as the app would save them, each with a name, a description and labelled nodes', () => {
    for (const file of readdirSync(examplesDir).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(join(examplesDir, file), 'utf8');
      const parsed = parseGraphDocument(text);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
      expect(serializeGraphDocument(parsed.document), file).toBe(text);
      expect(parsed.document.name, file).not.toBe('Untitled');
      expect(parsed.document.description, file).toBeTruthy();
      expect(parsed.document.nodes.filter((n) => !n.label).map((n) => n.id), file).toEqual([]);
    }
  });
});
