import { describe, expect, it } from 'vitest';
import { compile } from '../graph/compile';
import { createExecutor } from '../graph/executor';
import { documentOf } from '../graph/test-documents';
import { createJsBackend } from '../tensor/js-backend';
import { findNumericWarning } from './numeric-warnings';

const backend = createJsBackend('float64');

function run(nodes: Parameters<typeof documentOf>[0], edges: string[], backward = true) {
  const plan = compile(documentOf(nodes, edges));
  const executor = createExecutor(plan, { backend });
  executor.runForward();
  if (backward) executor.runBackward();
  return findNumericWarning(plan, executor);
}

describe('numeric warnings', () => {
  it('finds where 1e308 × 2 overflows, and marks every edge and node the ∞ reached', () => {
    const warning = run(
      [['big', 'Scalar', { value: 1e308 }], ['two', 'Scalar', { value: 2 }], ['double', 'Mul'], ['half', 'Scalar', { value: 0.5 }], ['m', 'Mul'], ['out', 'Output']],
      ['big.out -> double.x', 'two.out -> double.y', 'double.out -> m.x', 'half.out -> m.y', 'm.out -> out.x'],
    );
    expect(warning).toMatchObject({ nodeId: 'double', direction: 'forward', kind: 'overflow', worked: '1e308 × 2' });
    expect(warning!.edgeIds).toEqual(['e3', 'e4', 'e5']);
    expect(warning!.nodeIds).toEqual(['double', 'half', 'm']);
  });

  it('finds a gradient that overflows only in the backward pass', () => {
    // 1/x at x = 1e-200 is 1e200, finite; its derivative −1/x² is −∞.
    const warning = run([['x', 'Scalar', { value: 1e-200 }], ['r', 'Reciprocal'], ['out', 'Output']], ['x.out -> r.x', 'r.out -> out.x']);
    expect(warning).toMatchObject({ nodeId: 'r', direction: 'backward', kind: 'overflow' });
    expect(warning!.edgeIds).toEqual(['e1']);
  });

  it('names the first node only, and says nothing when every number is finite', () => {
    const nan = run(
      [['big', 'Scalar', { value: 1e308 }], ['ten', 'Scalar', { value: 10 }], ['inf', 'Mul'], ['zero', 'Scalar', { value: 0 }], ['m', 'Mul'], ['out', 'Output']],
      ['big.out -> inf.x', 'ten.out -> inf.y', 'inf.out -> m.x', 'zero.out -> m.y', 'm.out -> out.x'],
      false,
    );
    expect(nan).toMatchObject({ nodeId: 'inf', kind: 'overflow' });
    expect(run([['x', 'Scalar', { value: 2 }], ['e', 'Exp'], ['out', 'Output']], ['x.out -> e.x', 'e.out -> out.x'])).toBeUndefined();
    expect(run([['x', 'Scalar', { value: 800 }], ['e', 'Exp'], ['out', 'Output']], ['x.out -> e.x', 'e.out -> out.x'])).toMatchObject({ nodeId: 'e', worked: 'exp(800)' });
  });
});
