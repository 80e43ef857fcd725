import { nodeNameText, problemText } from '../format/problem-text';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { FlowNode } from '../store/flow-document';
import { errorNodeId } from '../store/plan-view';
import { useGraph, useGraphStoreApi } from '../store/store-context';
import type { NumericWarning } from '../../app/explain/numeric-warnings';
import { useComputedNumericWarning as useNumericWarning } from './numeric-warning';

/** The sentence for each kind of warning in each pass. */
const WARNING_KEY: Readonly<Record<`${NumericWarning['kind']}-${NumericWarning['direction']}`, string>> = {
  'overflow-forward': 'overflowForward',
  'overflow-backward': 'overflowBackward',
  'nan-forward': 'nanForward',
  'nan-backward': 'nanBackward',
};
const warningKey = (w: NumericWarning) => WARNING_KEY[`${w.kind}-${w.direction}`];

/** The node a warning is about, named as the problems name theirs. */
function warnedNode(t: TFunction, nodes: readonly FlowNode[], id: string): string {
  const node = nodes.find((n) => n.id === id);
  return node ? nodeNameText(t, { id, kind: node.data.kind, label: node.data.label }) : id;
}

/** "overflow in Multiply node “×2”: 1e308 × 2", with the numbers when there are some. */
function warningText(t: TFunction, nodes: readonly FlowNode[], warning: NumericWarning): string {
  const what = t(warningKey(warning), { node: warnedNode(t, nodes, warning.nodeId) });
  return warning.worked ? t('withNumbers', { what, worked: warning.worked }) : what;
}

/** The warning in the status bar, where a value or gradient first stopped being finite. */
export function NumericWarningNote() {
  const { t } = useTranslation('problems');
  const warning = useNumericWarning();
  const nodes = useGraph((s) => s.nodes);
  const store = useGraphStoreApi();
  if (!warning) return null;
  return (
    <button className="numeric-warning" data-testid="numeric-warning" data-node={warning.nodeId} data-direction={warning.direction} onClick={() => store.getState().select(warning.nodeId)}>
      ⚠ {warningText(t, nodes, warning)}
    </button>
  );
}

/** The problem counter: a button that lists every problem, each selecting its node. */
export function ProblemsButton() {
  const { t } = useTranslation('problems');
  const store = useGraphStoreApi();
  const [open, setOpen] = useState(false);
  const { errors, nodes } = useGraph(useShallow((s) => ({ errors: s.plan.errors, nodes: s.nodes })));
  const warning = useNumericWarning();
  const count = (nodes.length > 0 ? errors.length : 0) + (warning ? 1 : 0);
  if (count === 0) return null;
  return (
    <span className="problems">
      <button className="status-errors problems-button" data-testid="problems-button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {t('count', { count })}
      </button>
      {open && (
        <ul className="problems-list" data-testid="problems-list">
          {warning && (
            <li data-node={warning.nodeId} onClick={() => (store.getState().select(warning.nodeId), setOpen(false))}>
              {warningText(t, nodes, warning)}
            </li>
          )}
          {errors.map((e, i) => {
            const nodeId = errorNodeId(e);
            return (
              <li key={i} data-node={nodeId ?? ''} onClick={() => (nodeId && store.getState().select(nodeId), setOpen(false))}>
                {problemText(e, t)}
              </li>
            );
          })}
        </ul>
      )}
    </span>
  );
}
