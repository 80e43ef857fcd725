import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestAnalysis } from '../../app/train/test-analysis';
import { formatNumber } from '../../app/tensor/format-number';
import { DigitImage } from './DigitImage';
import { ProbabilityBars } from './ProbabilityBars';
import { useTestImages } from './use-test-images';

const PAGE = 60;

/** The confusion matrix and the misclassified test images; a cell filters the gallery to that pair. */
export const MistakesView = memo(function MistakesView({ analysis }: { analysis: TestAnalysis }) {
  const { t } = useTranslation('training');
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [shown, setShown] = useState(PAGE);
  const filtered = useMemo(() => (pair ? analysis.mistakes.filter((m) => m.label === pair[0] && m.predicted === pair[1]) : analysis.mistakes), [analysis, pair]);
  const visible = filtered.slice(0, shown);
  const images = useTestImages(visible.map((m) => m.index));
  const choose = (cell: [number, number] | null) => {
    setPair(cell);
    setShown(PAGE);
  };

  return (
    <div className="mistakes">
      <ConfusionMatrix confusion={analysis.confusion} selected={pair} onSelect={choose} />
      <div className="gallery-side">
        <div className="gallery-head">
          <span data-testid="mistakes-count">
            {pair ? t('mistakes.filtered', { count: filtered.length, actual: pair[0], predicted: pair[1] }) : t('mistakes.all', { count: filtered.length })}
          </span>
          {pair && (
            <button className="link" onClick={() => choose(null)} data-testid="mistakes-show-all">
              {t('mistakes.showAll')}
            </button>
          )}
        </div>
        <div className="mistakes-gallery" data-testid="mistakes-gallery">
          {visible.map((m) => (
            <figure key={m.index} className="mistake" data-testid={`mistake-${m.index}`} data-label={m.label} data-predicted={m.predicted}>
              <DigitImage pixels={images.get(m.index) ?? null} zoom={2} />
              <figcaption>
                <span title={t('mistakes.captionTitle', { index: m.index })}>{t('mistakes.caption', { actual: m.label, predicted: m.predicted })}</span>
                <ProbabilityBars probabilities={m.probabilities} label={m.label} compact />
              </figcaption>
            </figure>
          ))}
        </div>
        {filtered.length > visible.length && (
          <button className="tool" onClick={() => setShown((n) => n + PAGE)} data-testid="mistakes-more">
            {t('mistakes.more', { count: filtered.length - visible.length })}
          </button>
        )}
      </div>
    </div>
  );
});

function ConfusionMatrix({ confusion, selected, onSelect }: { confusion: TestAnalysis['confusion']; selected: [number, number] | null; onSelect: (pair: [number, number] | null) => void }) {
  const { t } = useTranslation('training');
  const offMax = Math.max(1, ...confusion.flatMap((row, r) => row.filter((_, c) => c !== r)));
  const diagMax = Math.max(1, ...confusion.map((row, r) => row[r]));
  return (
    <table className="confusion" data-testid="confusion-matrix">
      <caption>{t('confusion.caption')}</caption>
      <thead>
        <tr>
          <th title={t('confusion.corner')}>{t('confusion.cornerShort')}</th>
          {confusion.map((_, c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, r) => (
          <tr key={r}>
            <th>{r}</th>
            {row.map((n, c) => {
              const isSelected = selected?.[0] === r && selected[1] === c;
              const background = r === c ? `rgba(59,111,216,${0.12 + (0.6 * n) / diagMax})` : n > 0 ? `rgba(217,83,79,${Math.min(0.85, 0.12 + (0.73 * n) / offMax)})` : undefined;
              const clickable = r !== c && n > 0;
              return (
                <td
                  key={c}
                  className={`${clickable ? 'clickable' : ''}${isSelected ? ' selected' : ''}`}
                  style={{ background }}
                  data-testid={`confusion-cell-${r}-${c}`}
                  data-count={n}
                  title={t('confusion.cellTitle', { count: n, actual: r, predicted: c })}
                  onClick={clickable ? () => onSelect(isSelected ? null : [r, c]) : undefined}
                >
                  {formatNumber(n)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
