import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { statusText } from '../format/status-text';
import { useGraph } from '../store/store-context';
import { NumericWarningNote, ProblemsButton } from '../explain/StatusExtras';

export function StatusBar() {
  const { t } = useTranslation('status');
  const { status, busy, nodeCount, edgeCount, errorCount, lastStepMs } = useGraph(
    useShallow((s) => ({ status: s.status, busy: s.busy, nodeCount: s.nodes.length, edgeCount: s.edges.length, errorCount: s.plan.errors.length, lastStepMs: s.lastStepMs })),
  );
  return (
    <footer className="status-bar">
      <span data-testid="status-bar" className="status-text">
        {busy ? t('working') : statusText(t, status)}
      </span>
      <NumericWarningNote />
      <span className="status-counts">
        {lastStepMs !== null && (
          <span data-testid="step-time" data-ms={lastStepMs.toFixed(2)} title={t('stepTime')}>
            {lastStepMs < 1 ? '<1' : Math.round(lastStepMs)} ms ·{' '}
          </span>
        )}
        {t('counts', { nodes: nodeCount, edges: edgeCount })}
        {/* A new, empty canvas has no Output yet: that is where everyone starts, not a problem. */}
        {errorCount > 0 && nodeCount > 0 && ' · '}
        <ProblemsButton />
      </span>
    </footer>
  );
}
