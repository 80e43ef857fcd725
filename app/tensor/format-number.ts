/**
 * Numbers for people, the one way the edges, the status bar, the inspector and the CLI print them:
 * up to 6 significant digits, float noise trimmed (2.2000000000000006 → "2.2", 220 → "220"), a true
 * minus sign, exponents for tiny or huge values.
 */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(digits));
  const abs = Math.abs(rounded);
  if (abs >= 1e-4 && abs < 1e7) return String(rounded).replace('-', '−');
  return rounded.toExponential().replace('e+', 'e').replace('-', '−');
}
