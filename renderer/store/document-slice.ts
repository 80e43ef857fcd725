import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import { compile } from '../../app/graph/compile';
import type { GraphDocument } from '../../app/graph/document';
import type { ParamValue } from '../../app/ops/op';
import { getOp, hasOp } from '../../app/ops/registry';
import type { StepResult } from '../../app/graph/executor';
import { refuseConnection } from './connection-rules';
import { commitChange } from './document-transitions';
import { documentToFlow, freshId, type FlowEdge, type FlowNode } from './flow-document';
import type { DocumentSlice, SliceCreator } from './graph-state';
import type { MnistCache } from './mnist-cache';
import { performStep, type StepContext } from './stepping-slice';
import { nodeRef, statusOf, type StatusMessage } from './status-message';

export function createDocumentSlice(initial: GraphDocument, mnist: MnistCache): SliceCreator<DocumentSlice> {
  return (set, get) => {
    const change = (patch: Parameters<typeof commitChange>[2], status?: StatusMessage) => commitChange(set, get, patch, status);
    const stepping: StepContext = { set, get, mnist };

    /**
     * The executor runs strictly in order, so the new one replays the forward steps the old one had
     * taken, then clears the edited node and what depends on it: independent values stay on screen.
     */
    const replayUpstream = async (editedId: string, keepForward: number) => {
      const s = get();
      if (s.plan.errors.length > 0) return;
      const steps = Math.min(keepForward, s.plan.order.length);
      await performStep(
        stepping,
        (ex) => {
          let last: StepResult = { ok: true, description: '' };
          while (last.ok && ex.forwardCursor < steps) last = ex.stepForward();
          if (last.ok) ex.invalidate([editedId]);
          return last;
        },
        () => statusOf('status:cleared', { node: nodeRef(s.nodes, editedId) }),
      );
    };

    return {
      ...documentToFlow(initial),
      plan: compile(initial),

      onNodesChange(changes) {
        const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
        if (removed.length > 0) {
          get().deleteNodes(removed);
          changes = changes.filter((c) => c.type !== 'remove');
        }
        if (changes.length === 0) return;
        const moved = changes.some((c) => c.type === 'position' && c.position);
        set({ nodes: applyNodeChanges(changes, get().nodes), ...(moved ? { dirty: true } : {}) });
      },

      onEdgesChange(changes) {
        const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
        const rest = changes.filter((c) => c.type !== 'remove');
        if (removed.size > 0) change({ edges: get().edges.filter((e) => !removed.has(e.id)) }, statusOf('status:deletedEdges', { count: removed.size }));
        if (rest.length > 0) set({ edges: applyEdgeChanges(rest, get().edges) });
      },

      addNode(kind, position) {
        if (!hasOp(kind)) {
          set({ error: statusOf('status:noSuchKind', { kind }) });
          return null;
        }
        const op = getOp(kind);
        const s = get();
        const id = freshId(kind, new Set(s.nodes.map((n) => n.id)));
        const params: Record<string, ParamValue> = {};
        for (const p of op.params) params[p.name] = p.default;
        const node: FlowNode = { id, type: 'op', position, data: { kind, params }, selected: true };
        change({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] }, statusOf('status:added', { kind: { kind } }));
        return id;
      },

      connect(connection) {
        const s = get();
        const refusal = refuseConnection(s.edges, connection, (id) => nodeRef(s.nodes, id));
        if (refusal) {
          set({ error: refusal });
          return false;
        }
        const id = freshId(`e-${connection.source}-${connection.target}`, new Set(s.edges.map((e) => e.id)));
        const edge: FlowEdge = {
          id,
          type: 'value',
          source: connection.source,
          sourceHandle: connection.sourceHandle,
          target: connection.target,
          targetHandle: connection.targetHandle,
        };
        change({ edges: [...s.edges, edge] }, statusOf('status:connected', {
            source: nodeRef(s.nodes, connection.source),
            target: nodeRef(s.nodes, connection.target),
            port: connection.targetHandle ?? '',
          }));
        return true;
      },

      deleteSelected() {
        const s = get();
        const nodeIds = s.nodes.filter((n) => n.selected).map((n) => n.id);
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        if (nodeIds.length === 0 && edgeIds.size === 0) return;
        const gone = new Set(nodeIds);
        change(
          {
            nodes: s.nodes.filter((n) => !gone.has(n.id)),
            edges: s.edges.filter((e) => !edgeIds.has(e.id) && !gone.has(e.source) && !gone.has(e.target)),
          },
          statusOf('status:deletedNodes', { count: nodeIds.length }),
        );
      },

      deleteNodes(ids) {
        const gone = new Set(ids);
        const s = get();
        change(
          { nodes: s.nodes.filter((n) => !gone.has(n.id)), edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) },
          statusOf('status:deletedNodes', { count: ids.length }),
        );
      },

      updateParam(nodeId, name, value) {
        const s = get();
        const node = s.nodes.find((n) => n.id === nodeId);
        if (!node) return;
        const keepForward = s.executor ? s.executor.forwardCursor : 0;
        // Trained weights stored for a node no longer describe it once its initializer changes.
        const tensors = s.tensors && nodeId in s.tensors && node.data.kind === 'Parameter' ? dropKey(s.tensors, nodeId) : s.tensors;
        change(
          {
            nodes: s.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, params: { ...n.data.params, [name]: value } } } : n)),
            tensors,
          },
          statusOf('status:paramSet', { node: nodeRef(s.nodes, nodeId), param: name }),
        );
        // Values upstream of the edit stay valid: replay the forward steps that do not depend on it.
        if (keepForward > 0) void replayUpstream(nodeId, keepForward);
      },

      updateLabel(nodeId, label) {
        change({ nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, label: label || undefined } } : n)) });
      },
    };
  };
}

function dropKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
