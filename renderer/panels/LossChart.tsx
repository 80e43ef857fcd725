import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../app/tensor/format-number';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  /** One value per x; null where this series has none (an overlaid shorter run). */
  readonly values: readonly (number | null)[];
  readonly width?: number;
  /** Hidden from the key (a faint raw line under its smoothed one). */
  readonly keyless?: boolean;
  /** Draw across the x values this series has no point at (overlaid runs measured at different x). */
  readonly spanGaps?: boolean;
}

export interface LiveChartProps {
  readonly title: string;
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly height?: number;
  readonly yRange?: [number, number];
  readonly testId?: string;
  /** Dots on the data points: for a few points (epochs), not thousands. */
  readonly showPoints?: boolean;
}

/** A live line chart with labelled axes: the series grow in place and the chart redraws at most once a frame. */
export function LiveChart({ title, x, series, xLabel, yLabel, height = 200, yRange, testId, showPoints = false }: LiveChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = series.map((s) => `${s.label}/${s.color}/${s.width ?? 1.5}`).join('|');

  useEffect(() => {
    if (!host.current) return;
    const width = host.current.clientWidth || 300;
    const axis = { stroke: '#667085', grid: { stroke: '#eef0f4' }, ticks: { stroke: '#eef0f4' }, font: '11px system-ui', labelFont: '12px system-ui' };
    chart.current = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
        axes: [
          { ...axis, label: xLabel, labelSize: 20, values: (_u, ticks) => ticks.map((v) => formatNumber(v)) },
          { ...axis, label: yLabel, labelSize: 20, size: 54, values: (_u, ticks) => ticks.map((v) => formatNumber(v, 3)) },
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: s.width ?? 1.5, spanGaps: s.spanGaps ?? false, points: { show: showPoints } }))],
      },
      [[], ...series.map(() => [])],
      host.current,
    );
    warmCanvasText([axis.font, axis.labelFont], [xLabel, yLabel]);
    // The chart follows its box: a narrower window (or the workspace's columns reflowing) must not cut it off.
    const box = host.current;
    const resize = new ResizeObserver(() => {
      const next = box.clientWidth;
      if (next > 0 && chart.current && chart.current.width !== next) chart.current.setSize({ width: next, height });
    });
    resize.observe(box);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuild only when the set of series or the labels change; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, shape, height, xLabel, yLabel, showPoints]);

  // Redrawn only when its data changed (a run's streamed updates re-render the accuracy chart too, whose
  // points change once an epoch), and in the frame after the one that rendered the update: the update's
  // own frame (the tiles, the progress, the end of a run) stays shorter.
  const drawn = useRef<{ chart: uPlot | null; data: readonly unknown[] }>({ chart: null, data: [] });
  useEffect(() => {
    const data = [x, ...series.map((s) => s.values)];
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(draw)));
    function draw(): void {
      const current = chart.current;
      if (!current) return;
      const last = drawn.current;
      if (last.chart === current && last.data.length === data.length && last.data.every((d, i) => d === data[i])) return;
      drawn.current = { chart: current, data };
      current.setData(data as [number[], ...(number | null)[][]]);
    }
    return () => cancelAnimationFrame(frame);
  });

  const keyed = series.filter((s) => !s.keyless);
  return (
    <div className="live-chart" data-testid={testId} data-series={keyed.length}>
      <h3>
        {title}
        {keyed.map((s) => {
          const last = lastValue(s.values);
          return (
            <span key={s.label} className="chart-key" style={{ color: s.color }}>
              ● <span className="chart-key-label">{s.label}</span> {last !== null ? formatNumber(last) : ''}
            </span>
          );
        })}
      </h3>
      <div ref={host} />
    </div>
  );
}

/** The series' latest value (a key beside the title), without copying thousands of points each render. */
function lastValue(values: readonly (number | null)[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return values[i];
  return null;
}

const warmed = new Set<string>();
/**
 * Draws the axes' text once into a throwaway canvas when a chart is built (before a run): the first text
 * a canvas draws in a font loads and shapes that font (a CJK one for Chinese labels), which otherwise
 * fell in the frame of a run's first data (fillText took the most of that frame in a CPU profile).
 */
function warmCanvasText(fonts: readonly string[], texts: readonly string[]): void {
  const key = [...fonts, ...texts].join('\n');
  if (warmed.has(key)) return;
  warmed.add(key);
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  for (const font of fonts) {
    ctx.font = font;
    for (const text of ['0123456789.,−-e', ...texts]) ctx.fillText(text, 0, 10);
  }
}
