import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/tensor/format-number';
import { unitPixels, type FirstLayer } from './first-layer';
import { sentenceTemplate } from './sentence-template';

const SIDE = 28;
/** A tile's geometry in CSS pixels (training.css: .weights-grid, .weights-tile): the image at 2×, a 2 px border, 4 px apart. */
const ZOOM = 2;
const BORDER = 2;
const GAP = 4;
const PITCH = SIDE * ZOOM + 2 * BORDER + GAP;

/**
 * W1's columns as 28×28 tiles (what each hidden unit looks for); a click shows the unit large with its
 * bias and outgoing weights. All tiles are painted into ONE canvas under the grid of tile buttons (a
 * canvas each cost a context each: ~60 ms for 50 tiles in the frame of the first snapshot); a live
 * snapshot repaints that canvas in place and the buttons render once.
 */
export const WeightsGrid = memo(function WeightsGrid({ layer, live }: { layer: FirstLayer; live: boolean }) {
  const { t } = useTranslation('training');
  const [selected, setSelected] = useState<number | null>(null);
  const unit = selected !== null && selected < layer.units ? selected : null;
  const square = layer.inputs === SIDE * SIDE;
  const units = layer.units;

  const tiles = useMemo(() => {
    const title = sentenceTemplate(t, 'weights.tileTitle', ['unit']);
    return Array.from({ length: units }, (_, i) => (
      <button key={i} className={unit === i ? 'weights-tile selected' : 'weights-tile'} data-testid={`weights-tile-${i}`} title={title({ unit: i + 1 })} onClick={() => setSelected(unit === i ? null : i)} />
    ));
  }, [units, unit, t]);

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
            <TilesCanvas layer={layer} />
            {tiles}
          </div>
          {unit !== null && <UnitDetail layer={layer} unit={unit} />}
        </div>
      )}
    </div>
  );
});

/**
 * The tiles' pixels, laid out as the grid lays out its buttons: as many columns as fit its width
 * (followed with a ResizeObserver, which reports after layout: no layout is forced), one image put per paint.
 */
function TilesCanvas({ layer }: { layer: FirstLayer }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const context = useRef<CanvasRenderingContext2D | null>(null);
  const [columns, setColumns] = useState(0);

  useEffect(() => {
    const grid = ref.current?.parentElement;
    if (!grid) return;
    const observer = new ResizeObserver(([entry]) => setColumns(Math.max(1, Math.floor((entry.contentRect.width + GAP) / PITCH))));
    observer.observe(grid);
    return () => observer.disconnect();
  }, []);

  const rows = Math.ceil(layer.units / Math.max(1, columns));
  const width = Math.max(1, columns * (PITCH / ZOOM) - GAP / ZOOM);
  const height = Math.max(1, rows * (PITCH / ZOOM) - GAP / ZOOM);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || columns === 0) return;
    context.current ??= canvas.getContext('2d');
    if (!context.current) return;
    const image = new ImageData(width, height);
    const stride = 4 * width;
    for (let i = 0; i < layer.units; i++) {
      const x = (i % columns) * (PITCH / ZOOM) + BORDER / ZOOM;
      const y = Math.floor(i / columns) * (PITCH / ZOOM) + BORDER / ZOOM;
      unitPixels(layer, i, image.data, y * stride + 4 * x, stride);
    }
    context.current.putImageData(image, 0, 0);
  }, [layer, columns, width, height]);

  return <canvas ref={ref} className="weights-canvas pixelated" width={width} height={height} style={{ width: width * ZOOM, height: height * ZOOM }} hidden={columns === 0} />;
}

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
