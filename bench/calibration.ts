/**
 * How fast this machine runs plain JavaScript right now: a loop of 10^8 additions, about 80 ms on an idle
 * modern core. Printed beside timings measured on a shared, loaded machine so they can be read.
 */
export function calibrationMs(): number {
  const started = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e8; i++) sum += i;
  if (sum < 0) console.log(sum);
  return performance.now() - started;
}

export function calibrationLine(ms = calibrationMs()): string {
  return `calibration: 10^8 additions took ${ms.toFixed(0)} ms (≈80 ms on an idle core: this machine runs at ≈${Math.max(1, Math.round(ms / 80))}× that time now)`;
}
