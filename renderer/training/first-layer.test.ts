import { describe, expect, it } from 'vitest';
import { unitPixels, type FirstLayer } from './first-layer';

/** Two units of 2×2 inputs: unit 0 is +1 at its first pixel, unit 1 is −1 at its last. */
const layer: FirstLayer = { inputs: 4, units: 2, weights: [1, 0, 0, 0, 0, 0, 0, -1], scale: 1, bias: [0, 0], outgoing: null, classes: 0, maxAbs: 1 };
const rgba = (out: Uint8ClampedArray, at: number) => Array.from(out.slice(at, at + 4));

describe('unitPixels', () => {
  it('paints a unit as its own image: red above 0, white at 0, blue below', () => {
    const out = new Uint8ClampedArray(16);
    unitPixels(layer, 0, out);
    expect(rgba(out, 0)).toEqual([255, 0, 0, 255]);
    expect(rgba(out, 4)).toEqual([255, 255, 255, 255]);
    unitPixels(layer, 1, out);
    expect(rgba(out, 12)).toEqual([0, 0, 255, 255]);
  });

  it('paints a unit as a tile inside a larger image (offset and row stride), leaving the rest alone', () => {
    // A 4×3 image; unit 1's tile at x = 1, y = 1.
    const width = 4;
    const out = new Uint8ClampedArray(width * 3 * 4);
    unitPixels(layer, 1, out, (1 * width + 1) * 4, width * 4);
    const painted = [...Array(12).keys()].filter((p) => out[p * 4 + 3] === 255);
    expect(painted).toEqual([5, 6, 9, 10]);
    expect(rgba(out, 10 * 4)).toEqual([0, 0, 255, 255]);
    expect(rgba(out, 5 * 4)).toEqual([255, 255, 255, 255]);
  });
});
