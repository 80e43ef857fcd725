import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { MlpWeights } from '../../app/train/mlp-predict';
import type { TrainingResult } from '../../app/train/protocol';
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

/**
 * The whole-window training view: options and controls on the left, what the net learned on the
 * right. Each part subscribes to the part of the run it shows, so the progress a run streams (a few
 * times a second) re-renders the progress line and the charts, not the gallery, the pad or the list.
 */
export function TrainingWorkspace() {
  const { t } = useTranslation('training');
  const graph = useGraphStoreApi();
  const [trainCanvas, setTrainCanvas] = useState(false);
  const { state, currentResult, currentAnalysis, lastRun, start, valid } = useTrainingSession(
    useShallow((s) => ({
      state: s.current.state,
      currentResult: s.current.result,
      currentAnalysis: s.current.analysis,
      lastRun: s.runs[s.runs.length - 1]?.run ?? null,
      start: s.start,
      valid: readOptions(s).options !== null,
    })),
  );
  const actions = useCanvasActions();
  const active = state === 'running' || state === 'paused';

  // The net the pad and the final tiles use: this run's result, else the latest finished run's.
  const result = currentResult ?? lastRun?.result ?? null;
  const net = useTrainedNet(result);
  const analysis = currentAnalysis ?? (state === 'idle' ? (lastRun?.analysis ?? null) : null);

  const onStart = () => void start(trainCanvas ? JSON.stringify(graph.getState().toDocument()) : undefined);
  const onStep = useCallback((pixels: Float32Array, label: number) => result && actions.stepOnCanvas(result, pixels, label), [result, actions]);

  return (
    <div className="training-workspace" data-testid="training-workspace">
      <aside className="training-side">
        <h2>{t('title')}</h2>
        <TrainingOptionsForm disabled={active} trainCanvas={trainCanvas} onTrainCanvas={setTrainCanvas} />
        <CurrentRunControls canStart={valid} onStart={onStart} />
        {result && (
          <button className="tool primary wide" onClick={() => actions.useTrainedWeights(result)} data-testid="use-trained-weights">
            {t('canvas.useWeights')}
          </button>
        )}
      </aside>
      <div className="training-main">
        <CurrentRunCharts />
        <WeightsCard net={net} finished={currentResult !== null} live={active} />
        <section className="card">
          <h3>{t('mistakes.title')}</h3>
          {analysis ? <MistakesView analysis={analysis} /> : <p className="muted">{t('mistakes.none')}</p>}
        </section>
        <section className="card">
          <h3>{t('pad.title')}</h3>
          <p className="muted small">{t('pad.explain')}</p>
          <DigitPad net={net} onStep={onStep} />
        </section>
        <section className="card">
          <h3>{t('runs.title')}</h3>
          <RunsList />
        </section>
      </div>
    </div>
  );
}

/**
 * The first layer's tiles: the live snapshots while a run streams them (this card alone re-renders for
 * each), the trained net's weights once it is decoded.
 */
const WeightsCard = memo(function WeightsCard({ net, finished, live }: { net: MlpWeights | null; finished: boolean; live: boolean }) {
  const { t } = useTranslation('training');
  const snapshot = useTrainingSession((s) => s.current.snapshot);
  const layer = useMemo(() => {
    if (net && (finished || !snapshot)) return firstLayerOfNet(net);
    return snapshot ? firstLayerOfSnapshot(snapshot) : null;
  }, [finished, snapshot, net]);
  return (
    <section className="card">
      <h3>{t('weights.title')}</h3>
      <p className="muted small">{t('weights.explain')}</p>
      {layer ? <WeightsGrid layer={layer} live={live} /> : <p className="muted">{t('weights.none')}</p>}
    </section>
  );
});

function CurrentRunControls({ canStart, onStart }: { canStart: boolean; onStart: () => void }) {
  const run = useTrainingSession((s) => s.current);
  return <RunControls run={run} canStart={canStart} onStart={onStart} />;
}

function CurrentRunCharts() {
  const run = useTrainingSession((s) => s.current);
  return <TrainingCharts run={run} />;
}

/**
 * The result's net, read out of its graph text (a parse, a compile and the weights decoded) after the
 * frame that shows the run's end, so that frame stays short; the live tiles stay up meanwhile.
 */
function useTrainedNet(result: TrainingResult | null): MlpWeights | null {
  const [net, setNet] = useState<{ result: TrainingResult; net: MlpWeights | null } | null>(null);
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setNet({ result, net: trainedMlp(result) }), 0);
    return () => clearTimeout(timer);
  }, [result]);
  return result && net?.result === result ? net.net : null;
}

export { Placeholder };
