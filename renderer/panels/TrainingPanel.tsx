import { useEffect, useMemo, useState } from 'react';
import { parseGraphDocument } from '../../app/graph/parse';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from '../../app/train/protocol';
import { idle, reduceRun, type Run } from './training-run';
import { formatNumber } from '../../app/tensor/format-number';
import { useApi, useGraphStoreApi } from '../store/store-context';
import { LiveChart } from './LossChart';

const LOSS_POINTS = 2000;

/** Every k-th loss, so the chart stays light over 10,000 iterations. */
function thin(losses: readonly number[]): { x: number[]; y: number[] } {
  const step = Math.max(1, Math.ceil(losses.length / LOSS_POINTS));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < losses.length; i += step) {
    x.push(i + 1);
    y.push(losses[i]);
  }
  return { x, y };
}

export function TrainingPanel() {
  const api = useApi();
  const store = useGraphStoreApi();
  const [options, setOptions] = useState<TrainingOptions>(DEFAULT_TRAINING_OPTIONS);
  const [run, setRun] = useState<Run>(idle);
  const [useCanvas, setUseCanvas] = useState(false);

  useEffect(() => api.onTrainingEvent((event) => setRun((r) => reduceRun(r, event))), [api]);

  const start = async () => {
    const graphText = useCanvas ? JSON.stringify(store.getState().toDocument()) : undefined;
    setRun({ ...idle, state: 'running', iterations: options.iterations });
    try {
      const { runId } = await api.startTraining({ ...options, ...(graphText ? { graphText } : {}) });
      setRun((r) => (r.runId === null ? { ...r, runId } : r));
    } catch (e) {
      setRun({ ...idle, state: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const loadWeights = () => {
    const result = run.result;
    if (!result) return;
    const parsed = parseGraphDocument(result.graphText);
    if (!parsed.ok) {
      store.getState().setError(`The trained graph could not be opened: ${parsed.error}`);
      return;
    }
    const s = store.getState();
    if (s.dirty && !window.confirm(`“${s.name}” has unsaved changes. Discard them?`)) return;
    const doc = { ...parsed.document, tensors: { ...(parsed.document.tensors ?? {}), ...result.weights } };
    s.loadDocument({ ...doc, name: `${doc.name} (trained)` }, null);
    store.setState({ dirty: true, status: `Loaded the trained weights: test accuracy ${formatNumber(result.testAccuracy)}` });
  };

  const set = <K extends keyof TrainingOptions>(key: K, value: TrainingOptions[K]) => setOptions((o) => ({ ...o, [key]: value }));
  const active = run.state === 'running' || run.state === 'paused';
  const loss = useMemo(() => thin(run.losses), [run.losses]);
  const epochX = run.epochs.map((e) => e.epoch);

  return (
    <div className="training" data-testid="training-panel">
      <h2>Train on MNIST</h2>
      <div className="training-options">
        <NumberOption label="Iterations" value={options.iterations} onChange={(v) => set('iterations', v)} min={1} testId="train-iterations" disabled={active} />
        <NumberOption label="Batch size" value={options.batchSize} onChange={(v) => set('batchSize', v)} min={1} testId="train-batch" disabled={active} />
        <NumberOption label="Learning rate" value={options.learningRate} onChange={(v) => set('learningRate', v)} step="any" testId="train-lr" disabled={active} />
        <NumberOption label="Hidden units" value={options.hiddenSize} onChange={(v) => set('hiddenSize', v)} min={1} testId="train-hidden" disabled={active || useCanvas} />
        <label className="field">
          <span>Optimizer</span>
          <select value={options.optimizer} onChange={(e) => set('optimizer', e.target.value as TrainingOptions['optimizer'])} disabled={active} data-testid="train-optimizer">
            {['sgd', 'momentum', 'adagrad', 'adam'].map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Backend</span>
          <select value={options.backend} onChange={(e) => set('backend', e.target.value as TrainingOptions['backend'])} disabled={active} data-testid="train-backend">
            <option value="native">native (float32)</option>
            <option value="js">JavaScript</option>
          </select>
        </label>
        <label className="field checkbox" title="Train the graph on the canvas instead of the chapter's two-layer net">
          <input type="checkbox" checked={useCanvas} onChange={(e) => setUseCanvas(e.target.checked)} disabled={active} />
          <span>Train the canvas graph</span>
        </label>
      </div>
      <div className="training-buttons">
        {!active && (
          <button className="tool primary" onClick={start} data-testid="train-start">
            Start
          </button>
        )}
        {run.state === 'running' && run.runId && (
          <button className="tool" onClick={() => api.pauseTraining(run.runId!)} data-testid="train-pause">
            Pause
          </button>
        )}
        {run.state === 'paused' && run.runId && (
          <button className="tool" onClick={() => api.resumeTraining(run.runId!)} data-testid="train-resume">
            Resume
          </button>
        )}
        {active && run.runId && (
          <button className="tool" onClick={() => api.cancelTraining(run.runId!)} data-testid="train-cancel">
            Cancel
          </button>
        )}
      </div>
      {run.state !== 'idle' && (
        <>
          <div className="progress" title={`${run.iteration} of ${run.iterations} iterations`}>
            <div className="progress-bar" style={{ width: `${run.iterations ? (100 * run.iteration) / run.iterations : 0}%` }} />
          </div>
          <div className="training-status" data-testid="train-status">
            {run.state} · {run.iteration}/{run.iterations} · {run.elapsed.toFixed(1)} s{run.state === 'running' && run.eta > 0 ? ` · ${run.eta.toFixed(0)} s left` : ''}
            {run.backend ? ` · ${run.backend}` : ''}
            {run.losses.length > 0 ? ` · loss ${formatNumber(run.losses[run.losses.length - 1])}` : ''}
          </div>
          {run.message && <div className="inspector-error">{run.message}</div>}
          {run.losses.length > 0 && <LiveChart title="Loss" x={loss.x} series={[{ label: 'loss', color: '#3b6fd8', values: loss.y }]} />}
          {run.epochs.length > 0 && (
            <LiveChart
              title="Accuracy per epoch"
              x={epochX}
              yRange={[0, 1]}
              series={[
                { label: 'train', color: '#3b6fd8', values: run.epochs.map((e) => e.trainAccuracy) },
                { label: 'test', color: '#d9534f', values: run.epochs.map((e) => e.testAccuracy) },
              ]}
            />
          )}
        </>
      )}
      {run.result && (
        <>
          <div className="training-result" data-testid="train-result">
            train {formatNumber(run.result.trainAccuracy)} · test {formatNumber(run.result.testAccuracy)} in {run.result.seconds.toFixed(2)} s
          </div>
          <ConfusionMatrix confusion={run.result.confusion} />
          <button className="tool primary" onClick={loadWeights} data-testid="train-load-weights">
            Load trained weights into canvas
          </button>
        </>
      )}
    </div>
  );
}

function NumberOption({ label, value, onChange, min, step, testId, disabled }: { label: string; value: number; onChange: (v: number) => void; min?: number; step?: string; testId: string; disabled?: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="number" value={value} min={min} step={step} disabled={disabled} data-testid={testId} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(e.target.valueAsNumber)} />
    </label>
  );
}

function ConfusionMatrix({ confusion }: { confusion: readonly (readonly number[])[] }) {
  const max = Math.max(1, ...confusion.flat());
  return (
    <table className="confusion" data-testid="confusion-matrix" title="Rows: actual digit; columns: predicted digit (test set)">
      <thead>
        <tr>
          <th>a\p</th>
          {confusion.map((_, c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, r) => (
          <tr key={r}>
            <th>{r}</th>
            {row.map((n, c) => (
              <td key={c} style={{ background: r === c ? `rgba(59,111,216,${0.15 + (0.7 * n) / max})` : n > 0 ? `rgba(217,83,79,${Math.min(0.8, 0.1 + (4 * n) / max)})` : undefined }}>
                {n}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
