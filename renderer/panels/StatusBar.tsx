import { useShallow } from 'zustand/react/shallow';
import { useGraph } from '../store/store-context';

export function StatusBar() {
  const { status, busy, nodeCount, edgeCount, errorCount } = useGraph(
    useShallow((s) => ({ status: s.status, busy: s.busy, nodeCount: s.nodes.length, edgeCount: s.edges.length, errorCount: s.plan.errors.length })),
  );
  return (
    <footer className="status-bar">
      <span data-testid="status-bar" className="status-text">
        {busy ? 'Working…' : status}
      </span>
      <span className="status-counts">
        {nodeCount} nodes · {edgeCount} edges
        {errorCount > 0 && <span className="status-errors"> · {errorCount} problem{errorCount === 1 ? '' : 's'}</span>}
      </span>
    </footer>
  );
}
