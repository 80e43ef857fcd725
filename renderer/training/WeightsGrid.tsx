import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/tensor/format-number';
import { unitPixels, type FirstLayer } from './first-layer';

const SIDE = 28;
/** Each tile's 2D context, asked for once (asking again costs more than the tile's pixels). */
const contexts = new WeakMap<HTMLCanvasElement, CanvasRenderingContext2D | undefined>();

/**
 * W1's columns as 28×28 tiles (what each hidden unit looks for); a click shows the unit large with its
 * bias and outgoing weights. A live snapshot repaints the tiles' canvases in place: the buttons
 * render once, so a snapshot costs 50 small pixel copies and no DOM work.
 */
export const WeightsGrid = memo(function WeightsGrid({ layer, live }: { layer: FirstLayer; live: boolean }) {
  const { t } = useTranslation('training');
  const [selected, setSelected] = useState<number | null>(null);
  const unit = selected !== null && selected < layer.units ? selected : null;
  const square = layer.inputs === SIDE * SIDE;
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const units = layer.units;

  useEffect(() => {
    if (!square) return;
    const image = new ImageData(SIDE, SIDE);
    for (let i = 0; i < layer.units; i++) {
      const canvas = canvases.current[i];
      if (!canvas) continue;
      let ctx = contexts.get(canvas);
      if (!ctx) contexts.set(canvas, (ctx = canvas.getContext('2d') ?? undefined));
      if (!ctx) continue;
      unitPixels(layer, i, image.data);
      ctx.putImageData(image, 0, 0);
    }
  }, [layer, square]);

  const tiles = useMemo(
    () =>
      Array.from({ length: units }, (_, i) => (
        <button key={i} className={unit === i ? 'weights-tile selected' : 'weights-tile'} data-testid={`weights-tile-${i}`} title={t('weights.tileTitle', { unit: i + 1 })} onClick={() => setSelected(unit === i ? null : i)}>
          <canvas ref={(el) => void (canvases.current[i] = el)} width={SIDE} height={SIDE} className="pixelated" style={{ width: SIDE * 2, height: SIDE * 2 }} />
        </button>
      )),
    [units, unit, t],
  );

  return (
    <div className="weights">
      <div className="weights-head">
        <span>{live ? t('weights.live') : t('weights.final')}</span>
        <ColourScale maxAbs={layer.maxAbs * layer.scale} />
      </div>
      {!square ? (
        <p className="muted">{t('weights.notImages')}</p>
      ) : (
        <div className="weights-body">
          <div className="weights-grid" data-testid="weights-grid">
            {tiles}
          </div>
          {unit !== null && <UnitDetail layer={layer} unit={unit} />}
        </div>
      )}
    </div>
  );
});

/** One unit's tile, drawn large. */
function UnitCanvas({ layer, unit, zoom }: { layer: FirstLayer; unit: number; zoom: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = new ImageData(SIDE, SIDE);
    unitPixels(layer, unit, image.data);
    ctx.putImageData(image, 0, 0);
  }, [layer, unit]);
  return <canvas ref={ref} width={SIDE} height={SIDE} className="pixelated" style={{ width: SIDE * zoom, height: SIDE * zoom }} />;
}

function UnitDetail({ layer, unit }: { layer: FirstLayer; unit: number }) {
  const { t } = useTranslation('training');
  const outgoing = layer.outgoing ? Array.from({ length: layer.classes }, (_, c) => layer.outgoing![unit * layer.classes + c]) : [];
  const largest = Math.max(1e-12, ...outgoing.map(Math.abs));
  return (
    <div className="unit-detail" data-testid="weights-unit">
      <h4>{t('weights.unit', { unit: unit + 1 })}</h4>
      <UnitCanvas layer={layer} unit={unit} zoom={7} />
      <div className="unit-bias" data-testid="weights-unit-bias">
        {t('weights.bias', { value: formatNumber(layer.bias[unit]) })}
      </div>
      {outgoing.length > 0 && (
        <>
          <div className="muted">{t('weights.outgoing')}</div>
          <ul className="outgoing">
            {outgoing.map((w, c) => (
              <li key={c} data-testid={`weights-unit-out-${c}`}>
                <span className="digit">{c}</span>
                <span className="signed-bar">
                  <span className={w >= 0 ? 'pos' : 'neg'} style={{ width: `${(50 * Math.abs(w)) / largest}%` }} />
                </span>
                <span className="num">{formatNumber(w, 4)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ColourScale({ maxAbs }: { maxAbs: number }) {
  return (
    <span className="colour-scale">
      <span>{formatNumber(-maxAbs, 3)}</span>
      <span className="colour-ramp" />
      <span>{formatNumber(maxAbs, 3)}</span>
    </span>
  );
}
