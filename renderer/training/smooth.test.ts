import { describe, expect, it } from 'vitest';
import { smooth, thin } from './smooth';

describe('loss curve smoothing', () => {
  it('starts at the first value and follows a constant exactly', () => {
    expect(smooth([2, 2, 2])).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 12)));
    expect(smooth([3, 1], 0.5)[0]).toBeCloseTo(3, 12);
    // (0.5·0.5·3 + 0.5·1) / (0.5·0.5 + 0.5) = 1.666…
    expect(smooth([3, 1], 0.5)[1]).toBeCloseTo(5 / 3, 12);
  });

  it('damps the noise of alternating values', () => {
    const noisy = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 1 : 3));
    const last = smooth(noisy).slice(-10);
    expect(Math.max(...last) - Math.min(...last)).toBeLessThan(0.1);
  });

  it('thins a long curve to the asked number of points, keeping the last iteration', () => {
    const { x, y } = thin(Array.from({ length: 10_000 }, (_, i) => i), 2000);
    expect(x.length).toBeLessThanOrEqual(2001);
    expect(x[0]).toBe(1);
    expect(x[x.length - 1]).toBe(10_000);
    expect(y[y.length - 1]).toBe(9999);
  });
});
