/**
 * A small seeded PRNG (mulberry32) with the draws the initializers and the trainer need. Only
 * 32-bit integer arithmetic feeds `uniform`, so a seed gives the same stream on every machine.
 */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  /** Fills `out` with draws of below(n), in order (the same stream): a training batch, checked once. */
  fillBelow(out: Int32Array, n: number): void;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

const MULBERRY_STEP = 0x6d2b79f5;
/** How many values a uint32 takes: a draw over it is uniform in [0, 1). */
const UINT32_VALUES = 4294967296;

/** mulberry32's output for a state. */
function mulberryOutput(state: number): number {
  let z = state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return (z ^ (z >>> 14)) >>> 0;
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError(`a random seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  let spareNormal: number | undefined;

  function nextUint32(): number {
    state = (state + MULBERRY_STEP) >>> 0;
    return mulberryOutput(state);
  }

  function uniform(): number {
    return nextUint32() / UINT32_VALUES;
  }

  function checkBound(n: number): void {
    if (!Number.isInteger(n) || n <= 0 || n > UINT32_VALUES) {
      throw new RangeError(`below(n) needs a positive integer n up to 2^32, got ${n}`);
    }
  }

  function below(n: number): number {
    checkBound(n);
    return Math.floor(uniform() * n);
  }

  // A run's batches, 6,400 draws a call, mostly before V8 has optimised this code: the state in a
  // local and a plain function per draw took half the time of a uniform() call per draw.
  function fillBelow(out: Int32Array, n: number): void {
    checkBound(n);
    let s = state;
    for (let i = 0; i < out.length; i++) {
      s = (s + MULBERRY_STEP) >>> 0;
      out[i] = Math.floor((mulberryOutput(s) / UINT32_VALUES) * n);
    }
    state = s;
  }

  function normal(): number {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // 1 − uniform() lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  return { uniform, below, fillBelow, normal };
}
