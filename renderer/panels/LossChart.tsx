import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../../app/tensor/format-number';

/** A live line chart: the series grow in place and the chart redraws at most once a frame. */
export function LiveChart({ title, x, series, height = 160, yRange }: { title: string; x: readonly number[]; series: readonly { label: string; color: string; values: readonly number[] }[]; height?: number; yRange?: [number, number] }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const labels = series.map((s) => s.label).join('|');

  useEffect(() => {
    if (!host.current) return;
    const width = host.current.clientWidth || 300;
    chart.current = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
        axes: [{ stroke: '#667085', grid: { stroke: '#eef0f4' } }, { stroke: '#667085', grid: { stroke: '#eef0f4' }, size: 50 }],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, points: { show: x.length < 30 } }))],
      },
      [[], ...series.map(() => [])],
      host.current,
    );
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuild only when the set of series changes; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title, labels, height]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => chart.current?.setData([x as number[], ...series.map((s) => s.values as number[])]));
    return () => cancelAnimationFrame(frame);
  });

  return (
    <div className="live-chart">
      <h3>
        {title}
        {series.length > 1 &&
          series.map((s) => (
            <span key={s.label} className="chart-key" style={{ color: s.color }}>
              ● {s.label} {s.values.length > 0 ? formatNumber(s.values[s.values.length - 1], 4) : ''}
            </span>
          ))}
      </h3>
      <div ref={host} />
    </div>
  );
}
