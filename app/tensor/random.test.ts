import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

describe('seeded random numbers', () => {
  it('repeats the same stream for the same seed, pinned so it stays the same across machines and versions', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const first = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(first);
    // mulberry32(42): a change here would silently change every seeded initializer and batch.
    expect(createRandom(42).uniform()).toBe(0.6011037519201636);
    expect(createRandom(43).uniform()).not.toBe(first[0]);
  });

  it('uniform lies in [0, 1) with mean near 1/2', () => {
    const r = createRandom(1);
    const values = Array.from({ length: 20_000 }, () => r.uniform());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });

  it('below(n) gives integers in [0, n) covering all of them evenly', () => {
    const r = createRandom(2);
    const counts = new Array(10).fill(0);
    const values = Array.from({ length: 20_000 }, () => r.below(10));
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v < 10)).toBe(true);
    for (const v of values) counts[v]++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    expect(() => r.below(0)).toThrow('below(n) needs a positive integer n');
  });

  it('fillBelow(out, n) draws the same stream as below(n) called once per entry', () => {
    const one = createRandom(11);
    const batch = createRandom(11);
    const out = new Int32Array(100);
    for (let round = 0; round < 3; round++) {
      batch.fillBelow(out, 60_000);
      expect(Array.from(out)).toEqual(Array.from({ length: 100 }, () => one.below(60_000)));
    }
    expect(() => batch.fillBelow(out, 2.5)).toThrow('below(n) needs a positive integer n');
  });

  it('normal has mean 0 and standard deviation 1', () => {
    const r = createRandom(3);
    const values = Array.from({ length: 40_000 }, () => r.normal());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(std - 1)).toBeLessThan(0.02);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('refuses a seed that is not a number', () => {
    expect(() => createRandom(Number.NaN)).toThrow('a random seed must be a finite number, got NaN');
  });
});
