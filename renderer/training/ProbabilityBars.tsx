import { formatNumber } from '../../app/tensor/format-number';
import { argmax } from '../../app/train/mlp-predict';

/** Ten bars, one per digit, the predicted one highlighted and the true one (if known) marked. */
export function ProbabilityBars({ probabilities, label, testIdPrefix, compact }: { probabilities: ArrayLike<number>; label?: number; testIdPrefix?: string; compact?: boolean }) {
  const best = argmax(probabilities);
  return (
    <ul className={`prob-bars${compact ? ' compact' : ''}`}>
      {Array.from(probabilities, (p, d) => (
        <li key={d} className={`${d === best ? 'best' : ''}${d === label ? ' truth' : ''}`} data-testid={testIdPrefix ? `${testIdPrefix}${d}` : undefined} data-p={p}>
          <span className="digit">{d}</span>
          <span className="bar">
            <span style={{ width: `${100 * p}%` }} />
          </span>
          {!compact && <span className="num">{formatNumber(p, 3)}</span>}
        </li>
      ))}
    </ul>
  );
}
