/**
 * A drawing turned into an MNIST input the way the set was made (LeCun et al.): the ink's bounding
 * box scaled into 20×20 keeping its aspect, grey levels from the area each pixel covers (anti-aliased),
 * then placed in 28×28 so that its centre of mass sits at the centre.
 */
export interface InkRaster {
  readonly width: number;
  readonly height: number;
  /** Ink per pixel in [0, 1], row-major (a canvas's alpha channel / 255). */
  readonly ink: ArrayLike<number>;
}

export const MNIST_SIDE = 28;
const BOX = 20;
/** Ink below this is anti-aliasing haze, not part of the digit's extent. */
const INK_THRESHOLD = 0.05;

/** The 784 pixels in [0, 1], or null for an empty drawing (nothing to predict). */
export function preprocessDigit(raster: InkRaster): Float32Array | null {
  const box = inkBounds(raster);
  if (!box) return null;
  const scale = BOX / Math.max(box.width, box.height);
  const outWidth = Math.max(1, Math.round(box.width * scale));
  const outHeight = Math.max(1, Math.round(box.height * scale));
  const patch = areaResample(raster, box, outWidth, outHeight);
  normalizePeak(patch);

  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const v = patch[y * outWidth + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const left = Math.round(MNIST_SIDE / 2 - mx / mass);
  const top = Math.round(MNIST_SIDE / 2 - my / mass);
  const image = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  for (let y = 0; y < outHeight; y++) {
    const ty = top + y;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < outWidth; x++) {
      const tx = left + x;
      if (tx >= 0 && tx < MNIST_SIDE) image[ty * MNIST_SIDE + tx] = patch[y * outWidth + x];
    }
  }
  return image;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function inkBounds({ width, height, ink }: InkRaster): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Each output pixel is the mean ink over the source area it covers (fractional edge pixels
 * weighted by their overlap): a box filter, separable, first along rows then along columns.
 */
function areaResample(raster: InkRaster, box: Box, outWidth: number, outHeight: number): Float32Array {
  const sx = box.width / outWidth;
  const sy = box.height / outHeight;
  const rows = new Float32Array(box.height * outWidth);
  for (let y = 0; y < box.height; y++) {
    const base = (box.y + y) * raster.width + box.x;
    for (let ox = 0; ox < outWidth; ox++) rows[y * outWidth + ox] = coverageMean((i) => raster.ink[base + i], ox * sx, (ox + 1) * sx);
  }
  const out = new Float32Array(outWidth * outHeight);
  for (let ox = 0; ox < outWidth; ox++) {
    for (let oy = 0; oy < outHeight; oy++) out[oy * outWidth + ox] = coverageMean((i) => rows[i * outWidth + ox], oy * sy, (oy + 1) * sy);
  }
  return out;
}

/** The mean of value(i) over the continuous interval [from, to), partial pixels by their overlap. */
function coverageMean(value: (i: number) => number, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.floor(from); i < Math.ceil(to); i++) {
    const overlap = Math.min(to, i + 1) - Math.max(from, i);
    if (overlap > 0) sum += overlap * value(i);
  }
  return sum / (to - from);
}

/** MNIST strokes are full ink at their core: a thin or light drawing is brought up to peak 1. */
function normalizePeak(patch: Float32Array): void {
  let peak = 0;
  for (const v of patch) peak = Math.max(peak, v);
  if (peak > 0) for (let i = 0; i < patch.length; i++) patch[i] = Math.min(1, patch[i] / peak);
}
