import { describe, expect, it } from 'vitest';
import { readableViewport } from './readable-fit';

describe('the opening view', () => {
  it('fits a small graph whole, centred, never above zoom 1', () => {
    expect(readableViewport({ x: 0, y: 0, width: 400, height: 200 }, 1000, 600)).toEqual({ x: 300, y: 188, zoom: 1 });
  });

  it('keeps a wide graph at zoom 0.75 with its start in view instead of shrinking it', () => {
    const v = readableViewport({ x: -40, y: -100, width: 2100, height: 500 }, 1000, 600);
    expect(v.zoom).toBe(0.75);
    // The left edge of the graph lands at the margin.
    expect(-40 * v.zoom + v.x).toBe(40);
    // It fits vertically at 0.75, so it is centred in the room above the step timeline (40 to 600 − 64).
    expect(-100 * v.zoom + v.y + (500 * v.zoom) / 2).toBe(288);
  });
});
