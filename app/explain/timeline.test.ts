import { describe, expect, it } from 'vitest';
import { positionOf, stepsAt, timelineEntries } from './timeline';

describe('the step timeline', () => {
  it('lists the forward order, then the backward order, with the nodes’ numbers', () => {
    expect(timelineEntries(['a', 'b', 'c']).map((e) => `${e.position}:${e.direction[0]}${e.number}${e.nodeId}`)).toEqual([
      '1:f1a',
      '2:f2b',
      '3:f3c',
      '4:b3c',
      '5:b2b',
      '6:b1a',
    ]);
  });

  it('turns a position into steps and back, clamped to the pass', () => {
    expect(stepsAt(0, 3)).toEqual({ forward: 0, backward: 0 });
    expect(stepsAt(5, 3)).toEqual({ forward: 3, backward: 2 });
    expect(stepsAt(99, 3)).toEqual({ forward: 3, backward: 3 });
    expect(stepsAt(-1, 3)).toEqual({ forward: 0, backward: 0 });
    expect(positionOf(3, 2)).toBe(5);
  });
});
