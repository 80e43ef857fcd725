/**
 * An exponential moving average with the start-up bias removed (as TensorBoard smooths): the
 * smoothed loss follows the trend from the first iteration instead of rising from 0.
 */
export function smooth(values: readonly number[], weight = 0.98): number[] {
  const out = new Array<number>(values.length);
  let average = 0;
  let norm = 0;
  for (let i = 0; i < values.length; i++) {
    average = weight * average + (1 - weight) * values[i];
    norm = weight * norm + (1 - weight);
    out[i] = average / norm;
  }
  return out;
}

/**
 * At most `points` evenly spaced samples of a long curve (iteration numbers 1-based), the last one kept.
 * A chart is a few hundred pixels wide: more points than ~1,000 add drawing time during a run, not detail.
 */
export function thin(values: readonly number[], points = 1000): { x: number[]; y: number[] } {
  const step = Math.max(1, Math.ceil(values.length / points));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < values.length; i += step) {
    x.push(i + 1);
    y.push(values[i]);
  }
  if (values.length > 0 && x[x.length - 1] !== values.length) {
    x.push(values.length);
    y.push(values[values.length - 1]);
  }
  return { x, y };
}
