import { useNodesInitialized, useReactFlow, type Viewport } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useGraph } from '../store/store-context';
import { readableViewport } from './readable-fit';

const same = (a: Viewport, b: Viewport) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5 && Math.abs(a.zoom - b.zoom) < 1e-3;

/**
 * Shows each opened document at a readable fit once React Flow has measured its nodes, and fits it
 * again when the canvas changes size (a lesson column opens, the window is resized) as long as the
 * learner has not moved the view since: a view they chose is theirs. Never while editing.
 */
export function useOpeningView(): void {
  const { getNodesBounds, getNodes, getViewport, setViewport } = useReactFlow();
  const loadCount = useGraph((s) => s.loadCount);
  const shownNodes = useGraph((s) => s.nodes);
  const empty = shownNodes.length === 0;
  const nodesMeasured = useNodesInitialized();
  const [fittedLoad, setFittedLoad] = useState(0);
  /** The view this hook set last; null once the learner moved it (or before any document). */
  const fitted = useRef<Viewport | null>(null);

  /** Fits the view to the nodes; false when it cannot yet (no size, or nodes React Flow has not measured). */
  const fit = useCallback((): boolean => {
    const pane = document.querySelector('.react-flow');
    const nodes = getNodes();
    // A hidden canvas (the training view) has no size to fit into; it is fitted when it shows again.
    if (!pane || nodes.length === 0 || pane.clientWidth === 0 || pane.clientHeight === 0) return false;
    // Right after a document replaces another, React Flow may still hold (and useNodesInitialized
    // judge) the old nodes, or the new ones unmeasured: bounds from either would cut the graph off.
    const ids = new Set(shownNodes.map((n) => n.id));
    if (nodes.length !== ids.size || !nodes.every((n) => ids.has(n.id) && n.measured?.width && n.measured?.height)) return false;
    const view = readableViewport(getNodesBounds(nodes), pane.clientWidth, pane.clientHeight);
    void setViewport(view);
    fitted.current = view;
    return true;
  }, [getNodes, getNodesBounds, setViewport, shownNodes]);

  useEffect(() => {
    if (loadCount === fittedLoad) return;
    if (empty) {
      setFittedLoad(loadCount);
      fitted.current = null;
    } else if (nodesMeasured && fit()) {
      setFittedLoad(loadCount);
    }
  }, [loadCount, fittedLoad, empty, nodesMeasured, fit]);

  useEffect(() => {
    const pane = document.querySelector('.react-flow');
    if (!pane) return;
    const observer = new ResizeObserver(() => {
      const last = fitted.current;
      if (!last) return;
      if (same(getViewport(), last)) fit();
      else fitted.current = null;
    });
    observer.observe(pane);
    return () => observer.disconnect();
  }, [fit, getViewport]);
}
