import type { CSSProperties } from 'react';
import { formatNumber } from '../../app/tensor/format-number';
import { argmax } from '../../app/train/mlp-predict';

/** Ten bars, one per digit, the predicted one highlighted and the true one (if known) marked. */
export function ProbabilityBars({ probabilities, label, testIdPrefix, compact }: { probabilities: ArrayLike<number>; label?: number; testIdPrefix?: string; compact?: boolean }) {
  const best = argmax(probabilities);
  const className = (d: number) => `${d === best ? 'best' : ''}${d === label ? ' truth' : ''}`;
  if (compact) {
    // A gallery shows sixty of these at once: one element per bar (its digit, and the bar drawn by CSS from --p), not four, and no data-p.
    return (
      <ul className="prob-bars compact">
        {Array.from(probabilities, (p, d) => (
          <li key={d} className={className(d)} style={{ '--p': `${100 * p}%` } as CSSProperties}>
            {d}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <ul className="prob-bars">
      {Array.from(probabilities, (p, d) => (
        <li key={d} className={className(d)} data-testid={testIdPrefix ? `${testIdPrefix}${d}` : undefined} data-p={p}>
          <span className="digit">{d}</span>
          <span className="bar">
            <span style={{ width: `${100 * p}%` }} />
          </span>
          <span className="num">{formatNumber(p, 3)}</span>
        </li>
      ))}
    </ul>
  );
}
