import { commitChange } from './document-transitions';
import { freshId, type FlowEdge, type FlowNode } from './flow-document';
import type { SelectionSlice, SliceCreator } from './graph-state';
import { statusOf } from './status-message';

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  clipboard: null,

  copy() {
    const s = get();
    const nodes = s.nodes.filter((n) => n.selected);
    const ids = new Set(nodes.map((n) => n.id));
    const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    if (nodes.length > 0) set({ clipboard: { nodes, edges }, status: statusOf('status:copied', { count: nodes.length }) });
  },

  paste() {
    const s = get();
    if (!s.clipboard) return;
    const taken = new Set(s.nodes.map((n) => n.id));
    const rename = new Map<string, string>();
    const pasted: FlowNode[] = s.clipboard.nodes.map((n) => {
      const id = freshId(n.data.kind, taken);
      taken.add(id);
      rename.set(n.id, id);
      return { ...n, id, selected: true, position: { x: n.position.x + 40, y: n.position.y + 40 }, data: { ...n.data, params: { ...n.data.params } } };
    });
    const edgeIds = new Set(s.edges.map((e) => e.id));
    const pastedEdges: FlowEdge[] = s.clipboard.edges.map((e) => {
      const id = freshId(`e-${rename.get(e.source)}-${rename.get(e.target)}`, edgeIds);
      edgeIds.add(id);
      return { ...e, id, selected: false, source: rename.get(e.source)!, target: rename.get(e.target)! };
    });
    commitChange(
      set,
      get,
      { nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted], edges: [...s.edges, ...pastedEdges] },
      statusOf('status:pasted', { count: pasted.length }),
    );
    // A second paste lands further along rather than on top of the first.
    set({ clipboard: { nodes: pasted.map((n) => ({ ...n, selected: false })), edges: pastedEdges } });
  },

  selectAll() {
    set({ nodes: get().nodes.map((n) => ({ ...n, selected: true })), edges: get().edges.map((e) => ({ ...e, selected: true })) });
  },

  select(nodeId) {
    set({ nodes: get().nodes.map((n) => (n.selected !== (n.id === nodeId) ? { ...n, selected: n.id === nodeId } : n)) });
  },
});
