import { describe, expect, it } from 'vitest';
import { emptyHistory, recordChange, redo, undo } from './history';

describe('history', () => {
  it('undoes to the recorded state and redoes back to the present', () => {
    let h = recordChange(emptyHistory<string>(), 'a');
    h = recordChange(h, 'b');
    const u = undo(h, 'c')!;
    expect(u.state).toBe('b');
    const r = redo(u.history, u.state)!;
    expect(r.state).toBe('c');
    expect(undo(emptyHistory<string>(), 'x')).toBeNull();
  });
  it('forgets the oldest states beyond the limit and drops the redo branch on a new change', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 5; i++) h = recordChange(h, i, 3);
    expect(h.past).toEqual([2, 3, 4]);
    const u = undo(h, 5)!;
    expect(u.history.future).toEqual([5]);
    expect(recordChange(u.history, 4, 3).future).toEqual([]);
  });
});
