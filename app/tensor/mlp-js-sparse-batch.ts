/** pixel → pixel / 255 rounded to float32, as the backends' gatherBatch. */
const PIXEL_VALUES = Float32Array.from({ length: 256 }, (_, p) => p / 255);

/**
 * A batch of uint8 images kept as their nonzero pixels, row by row (compressed rows): most MNIST
 * pixels are 0, and the first layer's products x·W and xᵀ·dz skip them. The buffers are allocated
 * once, for `maxRows` images of `pixels` pixels.
 */
export interface SparseBatch {
  /** Takes images rows[0 .. count) of `images` as the batch. */
  gather(images: Uint8Array, rows: ArrayLike<number>, count: number): void;
  /** out[o + j] = Σₖ x[r, k] · w[k · n + j] for the batch's row r. */
  rowTimesMatrix(r: number, w: Float32Array, n: number, out: Float64Array, o: number): void;
  /** g[k · n + j] += x[r, k] · d[o + j] for the batch's row r. */
  addRowOuter(r: number, d: Float64Array, o: number, n: number, g: Float64Array): void;
}

export function createSparseBatch(maxRows: number, pixels: number): SparseBatch {
  const rowStart = new Int32Array(maxRows + 1);
  const nzIndex = new Int32Array(maxRows * pixels);
  const nzValue = new Float64Array(maxRows * pixels);

  function gather(images: Uint8Array, rows: ArrayLike<number>, count: number): void {
    let nz = 0;
    for (let r = 0; r < count; r++) {
      rowStart[r] = nz;
      const base = rows[r] * pixels;
      for (let k = 0; k < pixels; k++) {
        const p = images[base + k];
        if (p !== 0) {
          nzIndex[nz] = k;
          nzValue[nz++] = PIXEL_VALUES[p];
        }
      }
    }
    rowStart[count] = nz;
  }

  /**
   * out[o + j] = Σ value · w[index · n + j] over the entries [start, end), ten columns at a time in
   * local variables (twice as fast as adding into the typed array; the same sums in the same order).
   */
  function rowTimesMatrix(r: number, w: Float32Array, n: number, out: Float64Array, o: number): void {
    const start = rowStart[r];
    const end = rowStart[r + 1];
    let j0 = 0;
    for (; j0 + 10 <= n; j0 += 10) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0;
      for (let i = start; i < end; i++) {
        const v = nzValue[i];
        const b = nzIndex[i] * n + j0;
        a0 += v * w[b];
        a1 += v * w[b + 1];
        a2 += v * w[b + 2];
        a3 += v * w[b + 3];
        a4 += v * w[b + 4];
        a5 += v * w[b + 5];
        a6 += v * w[b + 6];
        a7 += v * w[b + 7];
        a8 += v * w[b + 8];
        a9 += v * w[b + 9];
      }
      const c = o + j0;
      out[c] = a0;
      out[c + 1] = a1;
      out[c + 2] = a2;
      out[c + 3] = a3;
      out[c + 4] = a4;
      out[c + 5] = a5;
      out[c + 6] = a6;
      out[c + 7] = a7;
      out[c + 8] = a8;
      out[c + 9] = a9;
    }
    for (; j0 < n; j0++) {
      let a = 0;
      for (let i = start; i < end; i++) a += nzValue[i] * w[nzIndex[i] * n + j0];
      out[o + j0] = a;
    }
  }

  /** g[index · n + j] += value · d[o + j] over the row's entries, d's row held in locals ten at a time. */
  function addRowOuter(r: number, d: Float64Array, o: number, n: number, g: Float64Array): void {
    const start = rowStart[r];
    const end = rowStart[r + 1];
    let j0 = 0;
    for (; j0 + 10 <= n; j0 += 10) {
      const c = o + j0;
      const d0 = d[c], d1 = d[c + 1], d2 = d[c + 2], d3 = d[c + 3], d4 = d[c + 4];
      const d5 = d[c + 5], d6 = d[c + 6], d7 = d[c + 7], d8 = d[c + 8], d9 = d[c + 9];
      for (let i = start; i < end; i++) {
        const v = nzValue[i];
        const b = nzIndex[i] * n + j0;
        g[b] += v * d0;
        g[b + 1] += v * d1;
        g[b + 2] += v * d2;
        g[b + 3] += v * d3;
        g[b + 4] += v * d4;
        g[b + 5] += v * d5;
        g[b + 6] += v * d6;
        g[b + 7] += v * d7;
        g[b + 8] += v * d8;
        g[b + 9] += v * d9;
      }
    }
    for (; j0 < n; j0++) {
      const dj = d[o + j0];
      for (let i = start; i < end; i++) g[nzIndex[i] * n + j0] += nzValue[i] * dj;
    }
  }

  return { gather, rowTimesMatrix, addRowOuter };
}
