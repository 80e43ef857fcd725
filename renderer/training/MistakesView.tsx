import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mistake, TestAnalysis } from '../../app/train/test-analysis';
import { formatNumber } from '../../app/tensor/format-number';
import { DigitImage } from './DigitImage';
import { ProbabilityBars } from './ProbabilityBars';
import { sentenceTemplate } from './sentence-template';
import { useTestImages } from './use-test-images';

const PAGE = 60;
/**
 * Figures added per frame: the frame in which a run's analysis arrives builds the confusion matrix, the
 * next the first STEP figures (about what the gallery's box shows at 1280×720), each next STEP more up to the page.
 */
const STEP = 12;

/** The confusion matrix and the misclassified test images; a cell filters the gallery to that pair. */
export const MistakesView = memo(function MistakesView({ analysis }: { analysis: TestAnalysis }) {
  const { t } = useTranslation('training');
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [shown, setShown] = useState(PAGE);
  const filtered = useMemo(() => (pair ? analysis.mistakes.filter((m) => m.label === pair[0] && m.predicted === pair[1]) : analysis.mistakes), [analysis, pair]);
  const page = useMemo(() => filtered.slice(0, shown), [filtered, shown]);
  const built = useGrowing(page, STEP);
  const visible = page.slice(0, built);
  // The whole page's images in one request, painted as their figures are built.
  const images = useTestImages(page.map((m) => m.index));
  const [captionTitle, caption] = useMemo(() => [sentenceTemplate(t, 'mistakes.captionTitle', ['index']), sentenceTemplate(t, 'mistakes.caption', ['actual', 'predicted'])], [t]);
  const choose = useCallback((cell: [number, number] | null) => {
    setPair(cell);
    setShown(PAGE);
  }, []);

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
            <MistakeFigure key={m.index} mistake={m} pixels={images.get(m.index) ?? null} captionTitle={captionTitle} caption={caption} />
          ))}
        </div>
        {filtered.length > page.length && (
          <button className="tool" onClick={() => setShown((n) => n + PAGE)} data-testid="mistakes-more">
            {t('mistakes.more', { count: filtered.length - page.length })}
          </button>
        )}
      </div>
    </div>
  );
});

type Template = ReturnType<typeof sentenceTemplate>;

/** One misclassified image; built once (the figures added after it, or its image arriving, leave the others alone). */
const MistakeFigure = memo(function MistakeFigure({ mistake: m, pixels, captionTitle, caption }: { mistake: Mistake; pixels: Float32Array | null; captionTitle: Template; caption: Template }) {
  return (
    <figure className="mistake" data-testid={`mistake-${m.index}`} data-label={m.label} data-predicted={m.predicted}>
      <DigitImage pixels={pixels} zoom={2} />
      <figcaption>
        <span title={captionTitle({ index: m.index })}>{caption({ actual: m.label, predicted: m.predicted })}</span>
        <ProbabilityBars probabilities={m.probabilities} label={m.label} compact />
      </figcaption>
    </figure>
  );
});

/**
 * How many of `items` to build: none in the frame that brings a new list (that frame builds the matrix),
 * then `step` more after each frame has been shown, until all are. A list that only grows keeps what is built.
 */
function useGrowing<T>(items: readonly T[], step: number): number {
  const [built, setBuilt] = useState({ items, count: 0 });
  const count = built.items === items || built.items[0] === items[0] ? built.count : 0;
  useEffect(() => {
    if (count >= items.length) return;
    // After the frame that shows the current figures: rAF runs before that frame's paint, the timeout after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setBuilt({ items, count: count + step }), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [items, count, step]);
  return Math.min(count, items.length);
}

const ConfusionMatrix = memo(function ConfusionMatrix({ confusion, selected, onSelect }: { confusion: TestAnalysis['confusion']; selected: [number, number] | null; onSelect: (pair: [number, number] | null) => void }) {
  const { t } = useTranslation('training');
  const offMax = Math.max(1, ...confusion.flatMap((row, r) => row.filter((_, c) => c !== r)));
  const diagMax = Math.max(1, ...confusion.map((row, r) => row[r]));
  const cellTitle = useMemo(() => sentenceTemplate(t, 'confusion.cellTitle', ['count', 'actual', 'predicted']), [t]);
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
                  title={cellTitle({ count: n, actual: r, predicted: c })}
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
});
