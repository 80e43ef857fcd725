import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { exampleLabel } from '../format/example-words';
import { useShallow } from 'zustand/react/shallow';
import { positionOf, timelineEntries } from '../../app/explain/timeline';
import { shortcutLabel } from '../../app/commands';
import { useGraph, useGraphStoreApi } from '../store/store-context';

const NO_ORDER: readonly string[] = [];

/**
 * The scrubber under the canvas: the forward order then the backward order, one mark per step with
 * the node's number; dragging or clicking replays the passes to that step, Rewind takes one back.
 */
export function StepTimeline() {
  const { t } = useTranslation('timeline');
  const store = useGraphStoreApi();
  const { order, position, busy, nodes } = useGraph(
    useShallow((s) => ({
      order: s.plan.ok ? s.plan.order : NO_ORDER,
      position: s.executor ? positionOf(s.executor.forwardCursor, s.executor.backwardCursor) : 0,
      busy: s.busy,
      nodes: s.nodes,
      // Re-read the cursors after every step.
      run: s.run,
    })),
  );
  const showConstants = useGraph((s) => s.showConstantGradients);
  const { t: tx } = useTranslation('explain');
  const entries = useMemo(() => timelineEntries(order), [order]);
  if (order.length === 0) return null;
  const title = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n?.data.label ? exampleLabel(t, n.data.label) : n?.data.kind || id;
  };
  return (
    <div className="step-timeline" data-testid="step-timeline" data-position={position} data-length={entries.length}>
      <button className="tool" data-testid="rewind-step" disabled={busy || position === 0} onClick={() => void store.getState().rewindStep()} title={`${t('rewindHint')} (${shortcutLabel('rewindStep')})`}>
        {t('rewind')}
      </button>
      <input
        type="range"
        className="timeline-range"
        data-testid="timeline-range"
        aria-label={t('scrubber')}
        min={0}
        max={entries.length}
        value={position}
        disabled={busy}
        onChange={(e) => void store.getState().jumpTo(Number(e.target.value))}
      />
      <ol className="timeline-marks">
        <li className={position === 0 ? 'current' : undefined} data-testid="timeline-step-0" onClick={() => void store.getState().jumpTo(0)} title={t('start')}>
          0
        </li>
        {entries.map((entry) => (
          <li
            key={entry.position}
            className={`${entry.direction}${entry.position === position ? ' current' : ''}${entry.position < position ? ' done' : ''}`}
            data-testid={`timeline-step-${entry.position}`}
            title={t(entry.direction === 'forward' ? 'forwardStep' : 'backwardStep', { number: entry.number, node: title(entry.nodeId) })}
            onClick={() => void store.getState().jumpTo(entry.position)}
          >
            {entry.direction === 'forward' ? '▶' : '◀'}
            {entry.number}
          </li>
        ))}
      </ol>
      <label className="timeline-setting" title={tx('showConstants')}>
        <input type="checkbox" data-testid="show-constant-gradients" checked={showConstants} onChange={(e) => store.getState().setShowConstantGradients(e.target.checked)} />
        {tx('showConstantsShort')}
      </label>
    </div>
  );
}
