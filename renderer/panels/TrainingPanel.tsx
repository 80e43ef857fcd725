import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../app/tensor/format-number';
import { RunProgress } from '../training/RunControls';
import { useTrainingSession } from '../training/training-session';

/** The sidebar's compact view of training: the current run's status, and the way to the workspace. */
export function TrainingPanel() {
  const { t } = useTranslation('training');
  // The sidebar is not shown beside the training workspace: it follows the run only while the canvas is.
  const run = useTrainingSession((s) => (s.view === 'training' ? null : s.current));
  const setView = useTrainingSession((s) => s.setView);
  if (!run) return null;
  return (
    <div className="training compact" data-testid="training-panel">
      <h2>{t('title')}</h2>
      {run.state === 'idle' ? <p className="muted">{t('compact.idle')}</p> : <RunProgress run={run} ids={false} />}
      {run.result && (
        <div className="training-result">
          {t('result.line', { train: formatNumber(run.result.trainAccuracy), test: formatNumber(run.result.testAccuracy), iterations: formatNumber(run.result.iterations) })}
        </div>
      )}
      <button className="tool primary" onClick={() => setView('training')} data-testid="open-training-workspace">
        {t('compact.open')}
      </button>
    </div>
  );
}
