import { useShallow } from 'zustand/react/shallow';
import { useGraph } from '../store/store-context';

export function StatusBar() {
  const { status, busy, nodeCount, edgeCount, errorCount, lastStepMs } = useGraph(
    useShallow((s) => ({ status: s.status, busy: s.busy, nodeCount: s.nodes.length, edgeCount: s.edges.length, errorCount: s.plan.errors.length, lastStepMs: s.lastStepMs })),
  );
  return (
    <footer className="status-bar">
      <span data-testid="status-bar" className="status-text">
        {busy ? 'Working…' : status}
      </span>
      <span className="status-counts">
        {lastStepMs !== null && (
          <span data-testid="step-time" data-ms={lastStepMs.toFixed(2)} title="Compute time of the last step or run (float64, JavaScript)">
            {lastStepMs < 1 ? '<1' : Math.round(lastStepMs)} ms ·{' '}
          </span>
        )}
        {nodeCount} nodes · {edgeCount} edges
        {/* A new, empty canvas has no Output yet: that is where everyone starts, not a problem. */}
        {errorCount > 0 && nodeCount > 0 && <span className="status-errors"> · {errorCount} problem{errorCount === 1 ? '' : 's'}</span>}
      </span>
    </footer>
  );
}
