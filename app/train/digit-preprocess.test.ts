import { describe, expect, it } from 'vitest';
import { preprocessDigit, type InkRaster } from './digit-preprocess';

type Point = readonly [number, number];

/** A pen stroke of radius r along a polyline, anti-aliased by one pixel: what the pad's canvas holds. */
function drawStroke(size: number, points: readonly Point[], radius: number): InkRaster {
  const ink = new Float32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let d = Infinity;
      for (let i = 1; i < points.length; i++) d = Math.min(d, distanceToSegment([x + 0.5, y + 0.5], points[i - 1], points[i]));
      ink[y * size + x] = Math.max(0, Math.min(1, radius + 0.5 - d));
    }
  }
  return { width: size, height: size, ink };
}

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const ellipse = (cx: number, cy: number, rx: number, ry: number): Point[] =>
  Array.from({ length: 41 }, (_, i) => [cx + rx * Math.cos((i / 40) * 2 * Math.PI), cy + ry * Math.sin((i / 40) * 2 * Math.PI)] as const);
const seven = (x: number, y: number, s: number): Point[] => [[x, y], [x + 60 * s, y], [x + 25 * s, y + 110 * s]];

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

function centreOfMass(image: Float32Array): [number, number] {
  let [m, mx, my] = [0, 0, 0];
  for (let i = 0; i < image.length; i++) {
    m += image[i];
    mx += image[i] * ((i % 28) + 0.5);
    my += image[i] * (Math.floor(i / 28) + 0.5);
  }
  return [mx / m, my / m];
}

describe('MNIST-style preprocessing of a drawing', () => {
  it('an empty pad gives nothing to predict', () => {
    expect(preprocessDigit({ width: 280, height: 280, ink: new Float32Array(280 * 280) })).toBeNull();
  });

  it('fits the ink into a 20-pixel box keeping its aspect, centred by its centre of mass', () => {
    const image = preprocessDigit(drawStroke(280, [[140, 40], [140, 240]], 10))!;
    const rows = new Set<number>();
    const cols = new Set<number>();
    image.forEach((v, i) => v > 0 && (rows.add(Math.floor(i / 28)), cols.add(i % 28)));
    expect(rows.size).toBe(20);
    expect(cols.size).toBeLessThanOrEqual(3);
    const [cx, cy] = centreOfMass(image);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...image)).toBeCloseTo(1, 5);
    // Anti-aliased: some pixels are grey, neither empty nor full.
    expect(image.some((v) => v > 0.05 && v < 0.95)).toBe(true);
  });

  it('a shifted stroke gives the same input', () => {
    const a = preprocessDigit(drawStroke(280, ellipse(140, 140, 50, 80), 10))!;
    const b = preprocessDigit(drawStroke(280, ellipse(90, 170, 50, 80), 10))!;
    expect(meanAbsDiff(a, b)).toBeLessThan(0.01);
    const c = preprocessDigit(drawStroke(280, seven(40, 30, 1), 10))!;
    const d = preprocessDigit(drawStroke(280, seven(170, 150, 1), 10))!;
    expect(meanAbsDiff(c, d)).toBeLessThan(0.01);
  });

  it('a scaled stroke (pen and all) gives the same input within tolerance', () => {
    const small = preprocessDigit(drawStroke(280, seven(100, 80, 1), 10))!;
    const large = preprocessDigit(drawStroke(280, seven(60, 20, 2), 20))!;
    expect(meanAbsDiff(small, large)).toBeLessThan(0.03);
    // and differs clearly from another digit
    const zero = preprocessDigit(drawStroke(280, ellipse(140, 140, 50, 80), 10))!;
    expect(meanAbsDiff(small, zero)).toBeGreaterThan(0.1);
  });
});
