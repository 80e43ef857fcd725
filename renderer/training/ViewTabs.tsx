import { useTranslation } from 'react-i18next';
import { useTrainingSession } from './training-session';

/** The two views of the window: the canvas (with its sidebar) and the training workspace. */
export function ViewTabs() {
  const { t } = useTranslation('training');
  const view = useTrainingSession((s) => s.view);
  const setView = useTrainingSession((s) => s.setView);
  const state = useTrainingSession((s) => s.current.state);
  return (
    <nav className="view-tabs" role="tablist">
      <button role="tab" aria-selected={view === 'canvas'} className={view === 'canvas' ? 'active' : ''} onClick={() => setView('canvas')} data-testid="view-canvas">
        {t('view.canvas')}
      </button>
      <button role="tab" aria-selected={view === 'training'} className={view === 'training' ? 'active' : ''} onClick={() => setView('training')} data-testid="view-training">
        {t('view.training')}
        {(state === 'running' || state === 'paused') && <span className={`view-dot ${state}`} aria-label={t(`state.${state}`)} />}
      </button>
    </nav>
  );
}
