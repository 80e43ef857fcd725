import { describe, expect, it } from 'vitest';
import { fromArray } from '../tensor/tensor';
import { layerSnapshot, quantize, quantizedLevels } from './layer-snapshot';

describe('first-layer snapshots', () => {
  it('quantizes to 255 levels within half a level of each value', () => {
    const values = [0.5, -0.25, 0.001, -0.5, 0.1234];
    const q = quantize(fromArray([1, 5], values));
    const levels = quantizedLevels(q);
    expect(Array.from(levels)).toEqual([127, -63, 0, -127, 31]);
    levels.forEach((v, i) => expect(Math.abs(v * q.scale - values[i])).toBeLessThanOrEqual(q.scale / 2));
    // One signed byte per weight, in base64: 5 bytes → 8 characters.
    expect(q.levels).toHaveLength(8);
  });

  it('takes W1, b1 and the outgoing W2 by the spec’s ids', () => {
    const spec = { sizes: [2, 1, 2], activations: ['relu', 'none'] as const, slopes: [0, 0], weightIds: ['A', 'B'], biasIds: ['a', 'b'] };
    const weights = new Map([
      ['A', fromArray([2, 1], [0.2, -0.4])],
      ['a', fromArray([1], [0.123456789])],
      ['B', fromArray([1, 2], [1, 2])],
      ['b', fromArray([2], [0, 0])],
    ]);
    const s = layerSnapshot({ ...spec, activations: [...spec.activations] }, weights, 7)!;
    expect(s.iteration).toBe(7);
    expect([s.inputWeights.rows, s.inputWeights.cols]).toEqual([2, 1]);
    expect(s.bias).toEqual([0.12346]);
    expect(s.outgoingWeights).toEqual({ rows: 1, cols: 2, data: [1, 2] });
  });
});
