import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/tensor/format-number';
import { messageText } from '../format/message-text';
import { useApi } from '../store/store-context';
import type { Run } from '../panels/training-run';
import { formatSeconds } from './time-format';

/** Start, pause, resume, cancel, and the progress bar with iterations, elapsed time (pauses excluded) and ETA. */
export function RunControls({ run, canStart, onStart }: { run: Run; canStart: boolean; onStart: () => void }) {
  const { t } = useTranslation('training');
  const api = useApi();
  const active = run.state === 'running' || run.state === 'paused';
  const runId = run.runId;
  return (
    <div className="run-controls">
      <div className="training-buttons">
        {!active && (
          <button className="tool primary" onClick={onStart} disabled={!canStart} data-testid="train-start">
            {t('control.start')}
          </button>
        )}
        {run.state === 'running' && (
          <button className="tool" onClick={() => runId && void api.pauseTraining(runId)} disabled={!runId} data-testid="train-pause">
            {t('control.pause')}
          </button>
        )}
        {run.state === 'paused' && (
          <button className="tool" onClick={() => runId && void api.resumeTraining(runId)} disabled={!runId} data-testid="train-resume">
            {t('control.resume')}
          </button>
        )}
        {active && (
          <button className="tool" onClick={() => runId && void api.cancelTraining(runId)} disabled={!runId} data-testid="train-cancel">
            {t('control.cancel')}
          </button>
        )}
      </div>
      {run.state !== 'idle' && <RunProgress run={run} />}
    </div>
  );
}

/** `ids`: the workspace's copy carries the test ids; the sidebar's compact copy does not. */
export function RunProgress({ run, ids = true }: { run: Run; ids?: boolean }) {
  const { t } = useTranslation('training');
  const fraction = run.iterations ? run.iteration / run.iterations : 0;
  const lastLoss = run.losses.length > 0 ? run.losses[run.losses.length - 1] : null;
  return (
    <>
      <div className="progress" data-testid={ids ? 'train-progress' : undefined} role="progressbar" aria-valuemin={0} aria-valuemax={run.iterations} aria-valuenow={run.iteration}>
        <div className="progress-bar" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <div className="training-status" data-testid={ids ? 'train-status' : 'train-status-compact'}>
        <span className={`run-state ${run.state}`}>{t(`state.${run.state}`)}</span>
        <span>{t('status.iterations', { done: formatNumber(run.iteration), total: formatNumber(run.iterations) })}</span>
        <span>{t('status.elapsed', { time: formatSeconds(t, run.elapsed) })}</span>
        {run.state === 'running' && run.eta > 0 && <span>{t('status.eta', { time: formatSeconds(t, run.eta) })}</span>}
        {run.backend && <span>{t(`option.backend.${run.backend}`)}</span>}
        {lastLoss !== null && <span>{t('status.loss', { loss: formatNumber(lastLoss) })}</span>}
      </div>
      {run.message && <div className="inspector-error">{messageText(t, run.message)}</div>}
    </>
  );
}
