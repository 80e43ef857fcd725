import { describe, expect, it } from 'vitest';
import { createJsBackend } from '../tensor/js-backend';
import { fromArray, scalarValue, type Tensor } from '../tensor/tensor';
import { compile } from './compile';
import { createExecutor, type StepResult } from './executor';
import { tensorToStored } from './stored-tensors';
import { documentOf, MNIST_LOSS_DOCUMENT } from './test-documents';

const backend = createJsBackend('float64');
const value = (t: Tensor | undefined) => scalarValue(t!);
/** What each of n steps said (the status bar's line), in order. */
const stepTexts = (n: number, step: () => StepResult) => Array.from({ length: n }, () => step()).map((r) => (r.ok ? r.description : r.message));

// x = 3 fans out to both inputs of a Mul and to an Add: out = x·x + x, so d out/dx = 2x + 1 = 7.
const fanOut = documentOf(
  [
    ['x', 'Scalar', { value: 3 }],
    ['sq', 'Mul'],
    ['sum', 'Add'],
    ['out', 'Output', { grad: 1 }],
  ],
  ['x.out -> sq.x', 'x.out -> sq.y', 'sq.out -> sum.x', 'x.out -> sum.y', 'sum.out -> out.x'],
);

describe('step executor', () => {
  it('sums the gradients of a value that fans out, keeping each consumer’s share on its edge', () => {
    const ex = createExecutor(compile(fanOut), { backend });
    expect(ex.runForward()).toEqual({ ok: true, description: 'forward done' });
    expect(value(ex.outputValue('sum', 'out'))).toBe(12);
    expect(ex.runBackward()).toEqual({ ok: true, description: 'backward done' });
    expect(value(ex.edgeGrad('e1'))).toBe(3);
    expect(value(ex.edgeGrad('e2'))).toBe(3);
    expect(value(ex.edgeGrad('e4'))).toBe(1);
    expect(value(ex.outputGrad('x', 'out'))).toBe(7);
    expect(value(ex.edgeValue('e3'))).toBe(9);
    expect(value(ex.inputValue('sum', 'y'))).toBe(3);
    expect(value(ex.inputGrad('sum', 'x'))).toBe(1);
  });

  it('refuses to step backward before the forward pass is complete', () => {
    const ex = createExecutor(compile(fanOut), { backend });
    const message = 'finish the forward pass first: 0 of 4 nodes have run forward';
    expect(ex.stepBackward()).toEqual({ ok: false, message, code: 'forward_first', params: { done: '0', total: '4' } });
    ex.stepForward();
    expect(ex.runBackward()).toMatchObject({ message: 'finish the forward pass first: 1 of 4 nodes have run forward', params: { done: '1', total: '4' } });
    expect(ex.outputGrad('x', 'out')).toBeUndefined();
  });

  it('describes each step for the status bar and moves the cursor and phase', () => {
    const doc = documentOf(
      [
        ['p', 'Scalar', { value: 100 }],
        ['n', 'Scalar', { value: 2 }],
        ['m', 'Mul'],
        ['tax', 'Scalar', { value: 1.1 }],
        ['mt', 'Mul'],
        ['out', 'Output'],
      ],
      ['p.out -> m.x', 'n.out -> m.y', 'm.out -> mt.x', 'tax.out -> mt.y', 'mt.out -> out.x'],
    );
    const ex = createExecutor(compile(doc), { backend });
    expect(ex.phase).toBe('ready');
    expect(ex.nextNodeId).toBe('p');
    expect(stepTexts(7, () => ex.stepForward())).toEqual([
      'forward: Scalar → 100',
      'forward: Scalar → 2',
      'forward: Mul → 200',
      'forward: Scalar → 1.1',
      'forward: Mul → 220',
      'forward: Output → 220 (forward done)',
      'forward done',
    ]);
    expect(ex.phase).toBe('forward-done');
    expect(ex.currentNodeId).toBe('out');
    expect(ex.forwardCursor).toBe(6);

    const first = ex.stepBackward();
    expect(first).toEqual({ ok: true, description: 'backward: Output → ∂x 1', nodeId: 'out' });
    expect(ex.phase).toBe('backward');
    const second = ex.stepBackward();
    expect(second.ok && second.description).toBe('backward: Mul → ∂x 1.1, ∂y 200');
    expect(ex.nextNodeId).toBe('tax');
    expect(stepTexts(5, () => ex.stepBackward())).toEqual([
      'backward: Scalar → ∂out 200',
      'backward: Mul → ∂x 2.2, ∂y 110',
      'backward: Scalar → ∂out 110',
      'backward: Scalar → ∂out 2.2 (backward done)',
      'backward done',
    ]);
    expect(ex.phase).toBe('backward-done');
    expect(ex.backwardCursor).toBe(6);
  });

  it('reset clears every value and gradient and the cursor', () => {
    const ex = createExecutor(compile(fanOut), { backend });
    ex.runForward();
    ex.runBackward();
    ex.reset();
    expect(ex.phase).toBe('ready');
    expect(ex.forwardCursor).toBe(0);
    expect(ex.backwardCursor).toBe(0);
    expect(ex.currentNodeId).toBeUndefined();
    expect(ex.edgeValue('e1')).toBeUndefined();
    expect(ex.edgeGrad('e1')).toBeUndefined();
    expect(ex.runForward().ok).toBe(true);
    expect(value(ex.edgeValue('e5'))).toBe(12);
  });

  it('invalidate clears a node and its downstream, all gradients, and moves the cursor back', () => {
    const doc = documentOf(
      [
        ['a', 'Scalar', { value: 2 }],
        ['b', 'Scalar', { value: 5 }],
        ['m', 'Mul'],
        ['out', 'Output'],
      ],
      ['a.out -> m.x', 'b.out -> m.y', 'm.out -> out.x'],
    );
    const ex = createExecutor(compile(doc), { backend });
    ex.runForward();
    ex.runBackward();
    ex.invalidate(['b']);
    expect(value(ex.outputValue('a', 'out'))).toBe(2);
    expect(ex.outputValue('b', 'out')).toBeUndefined();
    expect(ex.outputValue('m', 'out')).toBeUndefined();
    expect(ex.edgeGrad('e1')).toBeUndefined();
    expect(ex.forwardCursor).toBe(1);
    expect(ex.phase).toBe('forward');
    expect(ex.runForward().ok).toBe(true);
    expect(value(ex.edgeValue('e3'))).toBe(10);
  });

  it('turns an op error into a message on the node, not an exception', () => {
    // No data provider: MnistBatch throws when it runs.
    const ex = createExecutor(compile(MNIST_LOSS_DOCUMENT), { backend });
    const result = ex.stepForward();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.nodeId).toBe('d');
    expect(!result.ok && result.message).toMatch(/^MNIST batch node d: .*MNIST/);
    expect(ex.nodeError('d')).toBe(!result.ok && result.message);
    expect(ex.forwardCursor).toBe(0);
  });

  it('refuses to run a plan with errors, naming the first', () => {
    const doc = documentOf([['s', 'Scalar']], []);
    const ex = createExecutor(compile(doc), { backend });
    expect(ex.stepForward()).toMatchObject({ ok: false, message: 'the graph cannot run: the graph has no Output node, so the backward pass has nowhere to start', code: 'graph_cannot_run', nodeId: undefined });
    const two = createExecutor(compile(documentOf([['m', 'Mul'], ['out', 'Output']], ['m.out -> out.x'])), { backend });
    expect(two.stepForward()).toMatchObject({ ok: false, message: 'the graph cannot run: Multiply node m: input x is not connected (it has 2 problems in all)', nodeId: 'm' });
  });

  it('reruns what lies downstream of a source changed in place', () => {
    const ex = createExecutor(compile(fanOut), { backend });
    ex.runForward();
    ex.outputValue('x', 'out')!.data[0] = 4;
    expect(ex.rerunDownstreamOf('x').ok).toBe(true);
    expect(value(ex.inputValue('out', 'x'))).toBe(20);
  });
});

describe('stored tensors', () => {
  it('feed a Parameter its trained weights from the document', () => {
    const doc = documentOf(
      [
        ['w', 'Parameter', { rows: 2, cols: 0, init: 'zeros' }],
        ['two', 'Scalar', { value: 2 }],
        ['m', 'Mul'],
        ['out', 'Output'],
      ],
      ['w.out -> m.x', 'two.out -> m.y', 'm.out -> out.x'],
    );
    const withWeights = { ...doc, tensors: { w: tensorToStored(fromArray([2], [0.5, -3])) } };
    const ex = createExecutor(compile(withWeights), { backend });
    ex.runForward();
    expect(Array.from(ex.edgeValue('e3')!.data)).toEqual([1, -6]);
    const plain = createExecutor(compile(doc), { backend });
    plain.runForward();
    expect(Array.from(plain.edgeValue('e3')!.data)).toEqual([0, 0]);
  });
});
