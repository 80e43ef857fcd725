import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { formatNumber } from '../../app/tensor/format-number';
import { LiveChart } from '../panels/LossChart';
import { TableHead } from '../panels/TableHead';
import { askForSaveName } from '../files/save-as-prompt';
import { useApi, useGraphStoreApi } from '../store/store-context';
import { messageText } from '../format/message-text';
import { smooth, thin } from './smooth';
import { accuracyPoints } from './TrainingCharts';
import { formatSeconds } from './time-format';
import { useTrainingSession, type SessionRun } from './training-session';

const COLORS = ['#3b6fd8', '#d9534f', '#2f855a', '#7c3aed', '#c2410c', '#0e7490', '#a16207', '#be185d'];
export const runColor = (n: number) => COLORS[(n - 1) % COLORS.length];

/** The session's finished runs: tick several to overlay their curves; save one as a graph file with its weights. */
export const RunsList = memo(function RunsList() {
  const { t, i18n } = useTranslation('training');
  const api = useApi();
  const graph = useGraphStoreApi();
  const { runs: latestRuns, compared, toggleCompared } = useTrainingSession(useShallow((s) => ({ runs: s.runs, compared: s.compared, toggleCompared: s.toggleCompared })));
  // A deferred render: the list takes a run that just ended after the frame that shows Done (in slices
  // React can interrupt), so that frame — the first run's builds the whole table — stays short.
  const runs = useDeferredValue(latestRuns);

  const save = async (r: SessionRun) => {
    const result = r.run.result!;
    let suggestedName = `run-${r.n}-${r.options.optimizer}-${r.options.init}.json`;
    let overwrite = false;
    try {
      // Browser mode: the workspace's Save As dialog names the file and asks before replacing one (Electron shows the system's).
      if (api.mode === 'browser') {
        const listing = await api.listWorkspace();
        if (listing) {
          const choice = await askForSaveName(listing, suggestedName);
          if (!choice) return;
          ({ name: suggestedName, overwrite } = choice);
        }
      }
      const saved = await api.saveFile({ path: null, suggestedName, text: result.graphText, ...(overwrite ? { overwrite } : {}) });
      if (saved) graph.getState().setStatus('training:runs.saved', { name: saved.name });
    } catch (e) {
      graph.getState().setError(t('runs.saveFailed', { message: messageText(t, e) }));
    }
  };

  if (runs.length === 0) return <p className="muted">{t('runs.none')}</p>;
  return (
    <div className="runs">
      <table className="runs-list" data-testid="runs-list">
        <TableHead labels={[t('runs.compare'), t('runs.name'), t('runs.options'), t('runs.time'), t('runs.accuracy'), '']} />
        <tbody>
          {runs.map((r) => (
            <tr key={r.n} data-testid={`run-${r.n}`}>
              <td>
                <input type="checkbox" checked={compared.includes(r.n)} onChange={() => toggleCompared(r.n)} data-testid={`run-compare-${r.n}`} aria-label={t('runs.compareOne', { n: r.n })} />
              </td>
              <td>
                <span className="swatch" style={{ background: runColor(r.n) }} /> {t('runs.runName', { n: r.n })}
                <div className="muted small">{new Date(r.startedAt).toLocaleTimeString(i18n.language)}</div>
              </td>
              <td className="small">{describeOptions(t, r)}</td>
              <td>{formatSeconds(t, r.run.result!.seconds)}</td>
              <td>{formatNumber(r.run.result!.testAccuracy)}</td>
              <td>
                <button className="tool" onClick={() => void save(r)} data-testid={`run-save-${r.n}`}>
                  {t('runs.save')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CompareCharts runs={runs.filter((r) => compared.includes(r.n))} />
    </div>
  );
});

function describeOptions(t: (key: string, options?: Record<string, unknown>) => string, r: SessionRun): string {
  const o = r.options;
  return t('runs.optionsLine', {
    optimizer: t(`option.optimizer.${o.optimizer}`),
    init: t(`option.init.${o.init}`),
    lr: formatNumber(o.learningRate),
    batch: formatNumber(o.batchSize),
    iterations: formatNumber(o.iterations),
    hidden: formatNumber(o.hiddenSize),
  });
}

function CompareCharts({ runs }: { runs: readonly SessionRun[] }) {
  const { t } = useTranslation('training');
  const loss = useMemo(() => {
    const longest = Math.max(0, ...runs.map((r) => r.run.losses.length));
    const x = thin(Array.from({ length: longest }, (_, i) => i)).x;
    const series = runs.map((r) => {
      const s = smooth(r.run.losses);
      return { label: t('runs.runName', { n: r.n }), color: runColor(r.n), values: x.map((i) => (i <= s.length ? s[i - 1] : null)), width: 2 };
    });
    return { x, series };
  }, [runs, t]);
  // Each run's test accuracy against epochs trained, ending at its final accuracy (the number in the list).
  const accuracy = useMemo(() => {
    const points = runs.map((r) => accuracyPoints(r.run));
    const x = [...new Set(points.flatMap((p) => p.x))].sort((a, b) => a - b);
    const series = runs.map((r, i) => {
      const at = new Map(points[i].x.map((e, k) => [e, points[i].test[k]]));
      return { label: t('runs.runName', { n: r.n }), color: runColor(r.n), values: x.map((e) => at.get(e) ?? null), spanGaps: true };
    });
    return { x, series };
  }, [runs, t]);
  if (runs.length === 0) return <p className="muted">{t('runs.tickToCompare')}</p>;
  return (
    <div className="compare-charts">
      <LiveChart title={t('runs.lossTitle')} xLabel={t('chart.iteration')} yLabel={t('chart.lossAxis')} x={loss.x} series={loss.series} testId="compare-chart" />
      {accuracy.x.length > 0 && <LiveChart title={t('runs.accuracyTitle')} xLabel={t('chart.epoch')} yLabel={t('chart.accuracyAxis')} x={accuracy.x} series={accuracy.series} testId="compare-accuracy-chart" showPoints={accuracy.x.length < 30} />}
    </div>
  );
}
