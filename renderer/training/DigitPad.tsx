import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preprocessDigit } from '../../app/train/digit-preprocess';
import { argmax, predictProbabilities, type MlpWeights } from '../../app/train/mlp-predict';
import { DigitImage } from './DigitImage';
import { ProbabilityBars } from './ProbabilityBars';

const PAD = 280;
/** The pen, relative to the pad: a digit drawn across most of the pad comes out about as thick as MNIST's strokes. */
const PEN_WIDTH = 20;

/**
 * Draw a digit with mouse, pen or touch; it is preprocessed as MNIST was made, shown as the net's
 * 28×28 input, and the trained net predicts live. "Step it on the canvas" hands the image and a label on.
 */
export const DigitPad = memo(function DigitPad({ net, onStep }: { net: MlpWeights | null; onStep: (pixels: Float32Array, label: number) => void }) {
  const { t } = useTranslation('training');
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const [pixels, setPixels] = useState<Float32Array | null>(null);
  const [label, setLabel] = useState<number | null>(null);

  const update = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
      if (!ctx) return;
      const { data } = ctx.getImageData(0, 0, PAD, PAD);
      const ink = new Float32Array(PAD * PAD);
      for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
      setPixels(preprocessDigit({ width: PAD, height: PAD, ink }));
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - box.left) * PAD) / box.width, y: ((e.clientY - box.top) * PAD) / box.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvas.current?.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const from = last.current ?? to;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = PEN_WIDTH;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    last.current = to;
    update();
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, PAD, PAD);
    last.current = null;
    setPixels(null);
    setLabel(null);
  };

  const probabilities = useMemo(() => (net && pixels ? predictProbabilities(net, pixels) : null), [net, pixels]);
  const predicted = probabilities ? argmax(probabilities) : null;
  const chosenLabel = label ?? predicted ?? 0;

  return (
    <div className="digit-pad-area">
      <div className="pad-column">
        <canvas
          ref={canvas}
          width={PAD}
          height={PAD}
          className="digit-pad"
          data-testid="digit-pad"
          aria-label={t('pad.aria')}
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = null;
            stroke(point(e));
          }}
          onPointerMove={(e) => last.current && e.buttons !== 0 && stroke(point(e))}
          onPointerUp={() => (last.current = null)}
          onPointerCancel={() => (last.current = null)}
        />
        <button className="tool" onClick={clear} data-testid="digit-clear">
          {t('pad.clear')}
        </button>
      </div>
      <div className="pad-column">
        <div className="muted">{t('pad.input')}</div>
        <DigitImage pixels={pixels} zoom={4} testId="digit-input-preview" />
      </div>
      <div className="pad-column prediction">
        {!net ? (
          <p className="muted" data-testid="digit-no-net">{t('pad.noNet')}</p>
        ) : !pixels || !probabilities ? (
          <p className="muted" data-testid="digit-empty">{t('pad.empty')}</p>
        ) : (
          <>
            <div className="muted">{t('pad.predicted')}</div>
            <div className="digit-prediction" data-testid="digit-prediction">
              {predicted}
            </div>
            <ProbabilityBars probabilities={probabilities} testIdPrefix="digit-prob-" />
            <div className="step-row">
              <label className="field inline">
                <span>{t('pad.label')}</span>
                <select value={chosenLabel} onChange={(e) => setLabel(Number(e.target.value))} data-testid="digit-label">
                  {Array.from({ length: 10 }, (_, d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </label>
              <button className="tool primary" onClick={() => onStep(pixels, chosenLabel)} data-testid="digit-to-canvas" title={t('pad.stepHint')}>
                {t('pad.step')}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
});
