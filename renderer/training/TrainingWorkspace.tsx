import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { trainedMlp } from '../../app/train/trained-net';
import { useGraphStoreApi } from '../store/store-context';
import { DigitPad } from './DigitPad';
import { firstLayerOfNet, firstLayerOfSnapshot } from './first-layer';
import { MistakesView } from './MistakesView';
import { RunControls } from './RunControls';
import { RunsList } from './RunsList';
import { Placeholder, TrainingCharts } from './TrainingCharts';
import { TrainingOptionsForm } from './TrainingOptionsForm';
import { readOptions, useTrainingSession } from './training-session';
import { useCanvasActions } from './use-canvas-actions';
import { WeightsGrid } from './WeightsGrid';
import './training.css';

/** The whole-window training view: options and controls on the left, what the net learned on the right. */
export function TrainingWorkspace() {
  const { t } = useTranslation('training');
  const graph = useGraphStoreApi();
  const [trainCanvas, setTrainCanvas] = useState(false);
  const { current, runs, start, valid } = useTrainingSession(
    useShallow((s) => ({ current: s.current, runs: s.runs, start: s.start, valid: readOptions(s).options !== null })),
  );
  const actions = useCanvasActions();
  const active = current.state === 'running' || current.state === 'paused';

  // The net the pad and the final tiles use: this run's result, else the latest finished run's.
  const result = current.result ?? runs[runs.length - 1]?.run.result ?? null;
  const net = useMemo(() => (result ? trainedMlp(result) : null), [result]);
  const layer = useMemo(() => {
    if (current.result) return net ? firstLayerOfNet(net) : null;
    if (current.snapshot) return firstLayerOfSnapshot(current.snapshot);
    return net ? firstLayerOfNet(net) : null;
  }, [current.result, current.snapshot, net]);
  const analysis = current.analysis ?? (current.state === 'idle' ? (runs[runs.length - 1]?.run.analysis ?? null) : null);

  const onStart = () => void start(trainCanvas ? JSON.stringify(graph.getState().toDocument()) : undefined);

  return (
    <div className="training-workspace" data-testid="training-workspace">
      <aside className="training-side">
        <h2>{t('title')}</h2>
        <TrainingOptionsForm disabled={active} trainCanvas={trainCanvas} onTrainCanvas={setTrainCanvas} />
        <RunControls run={current} canStart={valid} onStart={onStart} />
        {result && (
          <button className="tool primary wide" onClick={() => actions.useTrainedWeights(result)} data-testid="use-trained-weights">
            {t('canvas.useWeights')}
          </button>
        )}
      </aside>
      <div className="training-main">
        <TrainingCharts run={current} />
        <section className="card">
          <h3>{t('weights.title')}</h3>
          <p className="muted small">{t('weights.explain')}</p>
          {layer ? <WeightsGrid layer={layer} live={active} /> : <p className="muted">{t('weights.none')}</p>}
        </section>
        <section className="card">
          <h3>{t('mistakes.title')}</h3>
          {analysis ? <MistakesView analysis={analysis} /> : <p className="muted">{t('mistakes.none')}</p>}
        </section>
        <section className="card">
          <h3>{t('pad.title')}</h3>
          <p className="muted small">{t('pad.explain')}</p>
          <DigitPad net={net} onStep={(pixels, label) => result && actions.stepOnCanvas(result, pixels, label)} />
        </section>
        <section className="card">
          <h3>{t('runs.title')}</h3>
          <RunsList />
        </section>
      </div>
    </div>
  );
}

export { Placeholder };
