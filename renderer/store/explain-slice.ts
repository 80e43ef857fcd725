import { collapseComposite } from '../../app/graph/composites/collapse';
import { expandComposite } from '../../app/graph/composites/expand';
import { stepsAt } from '../../app/explain/timeline';
import type { StepResult } from '../../app/graph/executor';
import i18next from 'i18next';
import { commitChange, documentOf } from './document-transitions';
import { documentToFlow } from './flow-document';
import type { ExplainSlice, SliceCreator } from './graph-state';
import type { MnistCache } from './mnist-cache';
import { performStep, type StepContext } from './stepping-slice';
import { nodeRef, stepStatus, statusOf, type NodeRef, type StatusMessage } from './status-message';

/** The node a group collapsed into, by its kind (shown translated) or its id when it cannot be found. */
function collapsedRef(doc: { readonly nodes: readonly { readonly id: string; readonly kind: string; readonly label?: string }[] }, id: string): NodeRef {
  const node = doc.nodes.find((n) => n.id === id);
  if (!node) return { label: id };
  return node.label ? { label: node.label } : { kind: node.kind };
}

const SHOW_CONSTANT_GRADIENTS = 'bpstudio.showConstantGradients';

function savedFlag(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === 'true';
  } catch {
    return false;
  }
}

/**
 * Explaining, opening composites and moving along the step timeline. Expand and collapse are one
 * edit each (one undo step); a timeline jump replays the passes from the start, so every label it
 * shows is exactly the one that step showed the first time.
 */
export function createExplainSlice(mnist: MnistCache): SliceCreator<ExplainSlice> {
  return (set, get) => {
    const stepping: StepContext = { set, get, mnist };
    const transform = (result: ReturnType<typeof expandComposite> | ReturnType<typeof collapseComposite>, selectIds: readonly string[], status: StatusMessage) => {
      if (!result.ok) return false;
      const { nodes, edges } = documentToFlow(result.document);
      const selected = new Set(selectIds);
      commitChange(set, get, { nodes: nodes.map((n) => ({ ...n, selected: selected.has(n.id) })), edges }, status);
      return true;
    };
    return {
      explainEdgeId: null,
      highlightedEdgeIds: [],
      hoveredEdgeId: null,
      showConstantGradients: savedFlag(SHOW_CONSTANT_GRADIENTS),

      explain(edgeId) {
        set({ explainEdgeId: edgeId, highlightedEdgeIds: [], ...(edgeId ? { edges: get().edges.map((e) => ({ ...e, selected: e.id === edgeId })) } : {}) });
      },
      highlight: (edgeIds) => set({ highlightedEdgeIds: [...edgeIds] }),
      hoverEdge: (edgeId) => set({ hoveredEdgeId: edgeId }),
      setShowConstantGradients(show) {
        try {
          globalThis.localStorage?.setItem(SHOW_CONSTANT_GRADIENTS, String(show));
        } catch {
          // Not kept across starts, still applied.
        }
        set({ showConstantGradients: show });
      },

      expandNode(nodeId) {
        const node = nodeRef(get().nodes, nodeId);
        const result = expandComposite(documentOf(get()), nodeId);
        return transform(result, result.ok ? result.nodeIds : [], statusOf('explain:expanded', { node }));
      },
      collapseNode(nodeId) {
        const result = collapseComposite(documentOf(get()), nodeId);
        if (!result.ok) {
          if (result.reason === 'changed') set({ error: i18next.t('explain:collapse.changed') });
          return false;
        }
        return transform(result, [result.nodeId], statusOf('explain:collapsed', { node: collapsedRef(result.document, result.nodeId) }));
      },
      duplicateNode(nodeId) {
        get().select(nodeId);
        get().copy();
        get().paste();
      },

      jumpTo(position) {
        const target = stepsAt(position, get().plan.order.length);
        set({ executor: null });
        return performStep(
          stepping,
          (ex) => {
            let result: StepResult = { ok: true, description: '' };
            while (result.ok && ex.forwardCursor < target.forward) result = ex.stepForward();
            while (result.ok && ex.backwardCursor < target.backward) result = ex.stepBackward();
            return result;
          },
          (ex, result) => (position === 0 ? statusOf('timeline:atStart') : stepStatus(ex, result)),
        );
      },
      rewindStep() {
        const ex = get().executor;
        if (!ex) return Promise.resolve();
        const position = ex.forwardCursor + ex.backwardCursor;
        if (position === 0) return Promise.resolve();
        return get().jumpTo(position - 1);
      },
    };
  };
}
