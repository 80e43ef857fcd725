import { memo, useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/tensor/format-number';
import { formatShape } from '../../app/tensor/format-shape';
import type { Tensor } from '../../app/tensor/tensor';

const TABLE_LIMIT = 12;
const MNIST_PIXELS = 784;
const IMAGES_SHOWN = 16;

/** The whole value of a tensor: a table for small ones, 28×28 images for MNIST rows, a heat map otherwise. */
export const TensorView = memo(function TensorView({ tensor, onPick, picked }: { tensor: Tensor; onPick?: (index: number) => void; picked?: number }) {
  // A gradient to pick elements from reads better as a heat map than as images.
  const asImages = !onPick;
  const { t } = useTranslation('canvas');
  const { shape } = tensor;
  if (shape.length === 0) return <div className="tensor-scalar">{formatNumber(tensor.data[0])}</div>;
  const rows = shape.length === 1 ? 1 : shape[0];
  const cols = shape.length === 1 ? shape[0] : tensor.data.length / Math.max(shape[0], 1);
  const header = <div className="tensor-shape">{t('shape', { shape: formatShape(shape) })}</div>;
  if (rows <= TABLE_LIMIT && cols <= TABLE_LIMIT) {
    return (
      <div>
        {header}
        <table className="tensor-table">
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                {Array.from({ length: cols }, (_, c) => (
                  <td
                    key={c}
                    className={picked === r * cols + c ? 'picked' : undefined}
                    data-testid={onPick ? `tensor-cell-${r}-${c}` : undefined}
                    onClick={onPick && (() => onPick(r * cols + c))}
                  >
                    {formatNumber(tensor.data[r * cols + c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  if (cols === MNIST_PIXELS && asImages) {
    return (
      <div>
        {header}
        <MnistImages tensor={tensor} rows={rows} />
        {rows > IMAGES_SHOWN && <div className="tensor-note">{t('firstImages', { shown: IMAGES_SHOWN, count: rows })}</div>}
      </div>
    );
  }
  return (
    <div>
      {header}
      <HeatMap tensor={tensor} rows={rows} cols={cols} onPick={onPick} />
    </div>
  );
});

function MnistImages({ tensor, rows }: { tensor: Tensor; rows: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const shown = Math.min(rows, IMAGES_SHOWN);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const perRow = 8;
    const image = ctx.createImageData(perRow * 28, Math.ceil(shown / perRow) * 28);
    image.data.fill(255);
    const { range, min } = extent(tensor.data, 0, shown * MNIST_PIXELS);
    for (let i = 0; i < shown; i++) {
      const ox = (i % perRow) * 28;
      const oy = Math.floor(i / perRow) * 28;
      for (let p = 0; p < MNIST_PIXELS; p++) {
        const v = (tensor.data[i * MNIST_PIXELS + p] - min) / range;
        const at = ((oy + Math.floor(p / 28)) * image.width + ox + (p % 28)) * 4;
        const g = 255 - Math.round(v * 255);
        image.data[at] = g;
        image.data[at + 1] = g;
        image.data[at + 2] = g;
      }
    }
    ctx.putImageData(image, 0, 0);
  }, [tensor, shown]);
  const perRow = 8;
  return (
    <canvas
      ref={ref}
      className="tensor-images"
      width={perRow * 28}
      height={Math.ceil(shown / perRow) * 28}
      style={{ width: perRow * 28 * 1.5, height: Math.ceil(shown / perRow) * 28 * 1.5 }}
    />
  );
}

function HeatMap({ tensor, rows, cols, onPick }: { tensor: Tensor; rows: number; cols: number; onPick?: (index: number) => void }) {
  const { t } = useTranslation('canvas');
  const ref = useRef<HTMLCanvasElement>(null);
  let maxAbs = 0;
  for (let i = 0; i < tensor.data.length; i++) if (Number.isFinite(tensor.data[i])) maxAbs = Math.max(maxAbs, Math.abs(tensor.data[i]));
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(cols, rows);
    const scale = maxAbs > 0 ? 1 / maxAbs : 0;
    for (let i = 0; i < rows * cols; i++) {
      // Diverging blue–white–red, so the sign of a weight or gradient reads at a glance.
      const v = tensor.data[i] * scale;
      const fade = Math.round(255 * (1 - Math.abs(v)));
      image.data[i * 4] = v > 0 ? 255 : fade;
      image.data[i * 4 + 1] = fade;
      image.data[i * 4 + 2] = v < 0 ? 255 : fade;
      image.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }, [tensor, rows, cols, maxAbs]);
  // Cells need not be square: a 784×50 weight matrix still gets a readable width.
  const width = clamp(cols * 8, 160, 380);
  const height = clamp(rows * 8, 40, 300);
  const pick = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!onPick) return;
    const box = e.currentTarget.getBoundingClientRect();
    const c = Math.min(cols - 1, Math.floor(((e.clientX - box.left) / box.width) * cols));
    const r = Math.min(rows - 1, Math.floor(((e.clientY - box.top) / box.height) * rows));
    onPick(r * cols + c);
  };
  return (
    <div>
      <canvas ref={ref} className="tensor-heatmap" width={cols} height={rows} style={{ width, height }} onClick={pick} title={t('heatLegend')} />
      <div className="tensor-scale" data-testid="tensor-scale">
        <span>{formatNumber(-maxAbs, 3)}</span>
        <span className="tensor-scale-bar" />
        <span>{formatNumber(maxAbs, 3)}</span>
      </div>
    </div>
  );
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function extent(data: ArrayLike<number>, from: number, to: number): { min: number; range: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  return { min, range: max > min ? max - min : 1 };
}
