import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { groupOf } from '../../app/graph/composites/collapse';
import { compositeFor } from '../../app/graph/composites/definitions';
import { documentOf } from '../store/document-transitions';
import { useGraph, useGraphStoreApi } from '../store/store-context';

export interface MenuTarget {
  readonly kind: 'node' | 'edge';
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The edge a node's Explain explains: the one its output sends on, else the one that feeds it. */
export function explainedEdgeOfNode(edges: readonly { id: string; source: string; target: string }[], nodeId: string): string | undefined {
  return (edges.find((e) => e.source === nodeId) ?? edges.find((e) => e.target === nodeId))?.id;
}

/** Right-click on a node or an edge: Expand / Collapse, Explain, Duplicate, Delete. */
export function ContextMenu({ target, onClose }: { target: MenuTarget; onClose: () => void }) {
  const { t } = useTranslation('explain');
  const store = useGraphStoreApi();
  const { kindOf, collapsible, edges } = useGraph(
    useShallow((s) => ({
      kindOf: s.nodes.find((n) => n.id === target.id)?.data.kind,
      collapsible: target.kind === 'node' && !!groupOf(documentOf(s), target.id),
      edges: s.edges,
    })),
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const act = (f: () => void) => () => {
    f();
    onClose();
  };
  const s = () => store.getState();
  const explained = target.kind === 'edge' ? target.id : explainedEdgeOfNode(edges, target.id);
  const expandable = target.kind === 'node' && !!kindOf && !!compositeFor(kindOf);

  return (
    <>
      <div className="context-backdrop" onMouseDown={onClose} onContextMenu={(e) => (e.preventDefault(), onClose())} />
      <ul className="context-menu" data-testid="context-menu" style={{ left: target.x, top: target.y }} role="menu">
        {expandable && (
          <li role="menuitem" data-testid="node-menu-expand" onClick={act(() => s().expandNode(target.id))}>
            {t('menu.expand')}
          </li>
        )}
        {collapsible && (
          <li role="menuitem" data-testid="node-menu-collapse" onClick={act(() => s().collapseNode(target.id))}>
            {t('menu.collapse')}
          </li>
        )}
        {explained && (
          <li role="menuitem" data-testid="node-menu-explain" onClick={act(() => s().explain(explained))}>
            {t('menu.explain')} <kbd>E</kbd>
          </li>
        )}
        {target.kind === 'node' && (
          <li role="menuitem" data-testid="node-menu-duplicate" onClick={act(() => s().duplicateNode(target.id))}>
            {t('menu.duplicate')}
          </li>
        )}
        <li
          role="menuitem"
          data-testid="node-menu-delete"
          onClick={act(() => (target.kind === 'node' ? s().deleteNodes([target.id]) : s().onEdgesChange([{ type: 'remove', id: target.id }])))}
        >
          {t('menu.delete')} <kbd>Del</kbd>
        </li>
      </ul>
    </>
  );
}

/** Expand / Collapse for the inspector: the same actions as the context menu. */
export function CompositeButtons({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation('explain');
  const store = useGraphStoreApi();
  const { expandable, collapsible } = useGraph(
    useShallow((s) => {
      const kind = s.nodes.find((n) => n.id === nodeId)?.data.kind;
      return { expandable: !!kind && !!compositeFor(kind), collapsible: !!groupOf(documentOf(s), nodeId) };
    }),
  );
  if (!expandable && !collapsible) return null;
  return (
    <div className="composite-buttons">
      {expandable && (
        <button data-testid="inspector-expand" onClick={() => store.getState().expandNode(nodeId)} title={t('expandHint')}>
          {t('menu.expand')}
        </button>
      )}
      {collapsible && (
        <button data-testid="inspector-collapse" onClick={() => store.getState().collapseNode(nodeId)}>
          {t('menu.collapse')}
        </button>
      )}
    </div>
  );
}
