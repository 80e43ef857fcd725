import { getBezierPath, Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { bezierPoints, placeLabel } from './label-placement';

const edge = (sourceX: number, sourceY: number, targetX: number, targetY: number) =>
  getBezierPath({ sourceX, sourceY, sourcePosition: Position.Right, targetX, targetY, targetPosition: Position.Left });

describe('an edge label placed clear of the nodes', () => {
  it('reads the curve React Flow draws', () => {
    const [path] = edge(0, 0, 200, 100);
    expect(bezierPoints(path)).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }, { x: 200, y: 100 }]);
    expect(bezierPoints('M0,0 L10,10')).toBeNull();
  });

  it('sits in the middle of its edge when nothing is there', () => {
    const [path, x, y] = edge(0, 0, 400, 200);
    expect(placeLabel(path, { x, y }, { width: 80, height: 40 }, [{ x: 500, y: 0, width: 100, height: 60 }])).toEqual({ x, y });
  });

  it('slides along its edge away from a node in the middle, and stays on the edge', () => {
    const [path, x, y] = edge(0, 0, 600, 300);
    const inTheWay = { x: 250, y: 100, width: 100, height: 100 };
    const at = placeLabel(path, { x, y }, { width: 80, height: 40 }, [inTheWay]);
    expect(at).not.toEqual({ x, y });
    const clear = at.x + 44 <= inTheWay.x || at.x - 44 >= inTheWay.x + inTheWay.width || at.y + 24 <= inTheWay.y || at.y - 24 >= inTheWay.y + inTheWay.height;
    expect(clear).toBe(true);
    // Still on the curve: between the ends, and nearer the middle than either end.
    expect(at.x).toBeGreaterThan(0);
    expect(at.x).toBeLessThan(600);
  });

  it('stays in the middle when no place along the edge is clear', () => {
    const [path, x, y] = edge(0, 0, 120, 0);
    expect(placeLabel(path, { x, y }, { width: 200, height: 40 }, [{ x: -100, y: -50, width: 100, height: 100 }, { x: 120, y: -50, width: 100, height: 100 }])).toEqual({ x, y });
  });
});
