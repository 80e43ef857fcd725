import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../app/api/contract';
import type { GraphDocument, StoredTensor } from '../../app/graph/document';
import { emptyDocument } from '../../app/graph/document';
import { parseGraphDocument } from '../../app/graph/parse';
import type { ParamValue } from '../../app/ops/op';
import { getOp, hasOp } from '../../app/ops/registry';
import { withoutNodePrefix } from '../format/messages';
import { refuseConnection } from './connection-rules';
import { compileGraph, createStepRunner, type CompiledGraph, type StepOutcome, type StepRunner } from './engine';
import { documentToFlow, flowToDocument, freshId, type FlowEdge, type FlowNode } from './flow-document';
import { emptyHistory, recordChange, redo, undo, type History } from './history';
import { mnistRequestFromParams } from '../../app/ops/mnist-batch';
import { createMnistCache, type MnistCache } from './mnist-cache';

export interface GraphState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  name: string;
  description?: string;
  tensors?: Record<string, StoredTensor>;
  /** Where the document was opened from or saved to; null for a new one. */
  path: string | null;
  dirty: boolean;
  plan: CompiledGraph;
  /** Null until the first step after the last change. */
  runner: StepRunner | null;
  /** Bumped after every step so components reading the runner re-select. */
  runVersion: number;
  busy: boolean;
  /** Counts documents shown by open/new (not by undo), so the view can fit each one once. */
  loadCount: number;
  /** How long the last step or run took to compute, in milliseconds (rendering excluded). */
  lastStepMs: number | null;
  status: string;
  error: string | null;
  history: History<GraphDocument>;
  clipboard: { nodes: FlowNode[]; edges: FlowEdge[] } | null;
}

export interface GraphActions {
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  /** Records an undo point before a drag moves nodes. */
  beginDrag(): void;
  addNode(kind: string, position: XYPosition): string | null;
  /** Adds the edge, or refuses it with a message (returns false). */
  connect(connection: Connection): boolean;
  deleteSelected(): void;
  deleteNodes(ids: readonly string[]): void;
  updateParam(nodeId: string, name: string, value: ParamValue): void;
  updateLabel(nodeId: string, label: string): void;
  stepForward(): Promise<void>;
  stepBackward(): Promise<void>;
  runForward(): Promise<void>;
  runBackward(): Promise<void>;
  reset(): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
  selectAll(): void;
  select(nodeId: string | null): void;
  /** Parses and shows a graph file; a bad file leaves the canvas as it was and sets `error`. */
  loadText(text: string, source: { name?: string; path: string | null }): boolean;
  loadDocument(doc: GraphDocument, path: string | null): void;
  newDocument(): void;
  toDocument(): GraphDocument;
  markSaved(name: string, path: string): void;
  setError(message: string | null): void;
  setStatus(message: string): void;
}

export type GraphStore = GraphState & GraphActions;

export interface GraphStoreOptions {
  readonly api: Pick<Api, 'mnistBatch'>;
  readonly initial?: GraphDocument;
}

function nodeTitle(nodes: readonly FlowNode[], id: string): string {
  const n = nodes.find((x) => x.id === id);
  if (!n) return id;
  return n.data.label || (hasOp(n.data.kind) ? getOp(n.data.kind).title : n.data.kind);
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function stripName(fileName: string): string {
  return fileName.replace(/\.(bpgraph\.)?json$/i, '').replace(/\.bpgraph$/i, '');
}

export function createGraphStore(options: GraphStoreOptions): StoreApi<GraphStore> {
  const mnist: MnistCache = createMnistCache(options.api);
  const initial = options.initial ?? emptyDocument();

  return createStore<GraphStore>()((set, get) => {
    const docOf = (s: GraphState = get()): GraphDocument =>
      flowToDocument(s.nodes, s.edges, { name: s.name, description: s.description, tensors: s.tensors });

    /** Applies a change to the document: records undo, recompiles, drops stale values. */
    const change = (patch: Partial<GraphState>, status?: string) => {
      const before = get();
      const history = recordChange(before.history, docOf(before));
      const next = { ...before, ...patch };
      set({
        ...patch,
        history,
        dirty: true,
        plan: compileGraph(docOf(next)),
        runner: null,
        runVersion: before.runVersion + 1,
        error: null,
        ...(status !== undefined ? { status } : {}),
      });
    };

    const show = (doc: GraphDocument, patch: Partial<GraphState>, keepSelection = false) => {
      let { nodes, edges } = documentToFlow(doc);
      if (keepSelection) {
        const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
        nodes = nodes.map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
        const selectedEdges = new Set(get().edges.filter((e) => e.selected).map((e) => e.id));
        edges = edges.map((e) => (selectedEdges.has(e.id) ? { ...e, selected: true } : e));
      }
      set({
        nodes,
        edges,
        name: doc.name,
        description: doc.description,
        tensors: doc.tensors ? { ...doc.tensors } : undefined,
        plan: compileGraph(doc),
        runner: null,
        runVersion: get().runVersion + 1,
        error: null,
        ...patch,
      });
    };

    /** The batches the MnistBatch nodes will ask for; a node with bad params is left to the plan's errors. */
    const mnistRequests = () => {
      const requests = [];
      for (const n of get().nodes) {
        if (n.data.kind !== 'MnistBatch') continue;
        try {
          requests.push(mnistRequestFromParams(n.data.params));
        } catch {
          // compile reports it on the node
        }
      }
      return requests;
    };

    const ensureRunner = (): StepRunner | null => {
      const s = get();
      if (s.runner) return s.runner;
      if (s.plan.errors.length > 0) {
        const first = s.plan.errors[0];
        const node = first.nodeId ? s.nodes.find((n) => n.id === first.nodeId) : undefined;
        const message = node ? `${nodeTitle(s.nodes, node.id)}: ${withoutNodePrefix(first.message, node.data.kind, node.id).replace(/^./, (c) => c.toLowerCase())}` : first.message;
        const more = s.plan.errors.length > 1 ? ` (and ${s.plan.errors.length - 1} more)` : '';
        set({ error: `The graph cannot run: ${message}${more}.` });
        return null;
      }
      const runner = createStepRunner(s.plan, mnist.provider);
      set({ runner });
      return runner;
    };

    /** Runs a step with MNIST batches fetched first; a batch the params did not predict is fetched and the step retried. */
    const perform = async (step: (r: StepRunner) => StepOutcome, describe?: (description: string) => string) => {
      if (get().busy) return;
      set({ busy: true, error: null });
      try {
        await mnist.ensure(mnistRequests());
        mnist.takeMisses();
        for (let attempt = 0; ; attempt++) {
          const runner = ensureRunner();
          if (!runner) return;
          const started = performance.now();
          const result = step(runner);
          const lastStepMs = performance.now() - started;
          const missed = mnist.takeMisses();
          if (!result.ok && missed.length > 0 && attempt < 3) {
            await mnist.ensure(missed);
            continue;
          }
          if (result.ok) set({ status: describe ? describe(result.description) : result.description, lastStepMs, runVersion: get().runVersion + 1 });
          else {
            const where = result.nodeId ? `${nodeTitle(get().nodes, result.nodeId)}: ` : '';
            set({ error: sentence(`${where}${result.message}`), runVersion: get().runVersion + 1 });
          }
          return;
        }
      } catch (e) {
        set({ error: errorMessage(e), runVersion: get().runVersion + 1 });
      } finally {
        set({ busy: false });
      }
    };

    return {
      ...documentToFlow(initial),
      name: initial.name,
      description: initial.description,
      tensors: initial.tensors,
      path: null,
      dirty: false,
      plan: compileGraph(initial),
      runner: null,
      runVersion: 0,
      busy: false,
      loadCount: 0,
      lastStepMs: null,
      status: 'Ready',
      error: null,
      history: emptyHistory(),
      clipboard: null,

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
        if (removed.size > 0) {
          change({ edges: get().edges.filter((e) => !removed.has(e.id)) }, `Deleted ${removed.size} edge${removed.size > 1 ? 's' : ''}`);
        }
        if (rest.length > 0) set({ edges: applyEdgeChanges(rest, get().edges) });
      },

      beginDrag() {
        set({ history: recordChange(get().history, docOf()) });
      },

      addNode(kind, position) {
        if (!hasOp(kind)) {
          set({ error: `There is no node kind called ${kind}.` });
          return null;
        }
        const op = getOp(kind);
        const s = get();
        const id = freshId(kind, new Set(s.nodes.map((n) => n.id)));
        const params: Record<string, ParamValue> = {};
        for (const p of op.params) params[p.name] = p.default;
        const node: FlowNode = { id, type: 'op', position, data: { kind, params }, selected: true };
        change({ nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node] }, `Added ${op.title}`);
        return id;
      },

      connect(connection) {
        const s = get();
        const refusal = refuseConnection(s.edges, connection, (id) => nodeTitle(s.nodes, id));
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
        change({ edges: [...s.edges, edge] }, `Connected ${nodeTitle(s.nodes, connection.source)} → ${nodeTitle(s.nodes, connection.target)}.${connection.targetHandle}`);
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
          `Deleted ${nodeIds.length} node${nodeIds.length === 1 ? '' : 's'}`,
        );
      },

      deleteNodes(ids) {
        const gone = new Set(ids);
        const s = get();
        change(
          { nodes: s.nodes.filter((n) => !gone.has(n.id)), edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)) },
          `Deleted ${ids.length} node${ids.length === 1 ? '' : 's'}`,
        );
      },

      updateParam(nodeId, name, value) {
        const s = get();
        const node = s.nodes.find((n) => n.id === nodeId);
        if (!node) return;
        const oldRunner = s.runner;
        const keepForward = oldRunner ? oldRunner.forwardCount() : 0;
        // Trained weights stored for a node no longer describe it once its initializer changes.
        const tensors = s.tensors && nodeId in s.tensors && node.data.kind === 'Parameter' ? dropKey(s.tensors, nodeId) : s.tensors;
        change(
          {
            nodes: s.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, params: { ...n.data.params, [name]: value } } } : n)),
            tensors,
          },
          `Set ${nodeTitle(s.nodes, nodeId)}.${name}`,
        );
        // Values upstream of the edit stay valid: replay the forward steps that do not depend on it.
        if (keepForward > 0) void replayUpstream(nodeId, keepForward);
      },

      updateLabel(nodeId, label) {
        const s = get();
        change({ nodes: s.nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, label: label || undefined } } : n)) });
      },

      stepForward: () => perform((r) => r.stepForward()),
      stepBackward: () => perform((r) => r.stepBackward()),
      runForward: () => perform((r) => r.runForward()),
      // Running backward from a partial forward pass finishes the forward pass first; stepping does not.
      runBackward: () =>
        perform((r) => {
          if (r.forwardCount() < get().plan.order.length) {
            const forward = r.runForward();
            if (!forward.ok) return forward;
          }
          return r.runBackward();
        }),

      reset() {
        set({ runner: null, runVersion: get().runVersion + 1, status: 'Reset: no values yet', error: null });
      },

      undo() {
        const s = get();
        const r = undo(s.history, docOf(s));
        if (!r) return;
        show(r.state, { history: r.history, dirty: true, status: 'Undone' }, true);
      },

      redo() {
        const s = get();
        const r = redo(s.history, docOf(s));
        if (!r) return;
        show(r.state, { history: r.history, dirty: true, status: 'Redone' }, true);
      },

      copy() {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        if (nodes.length > 0) set({ clipboard: { nodes, edges }, status: `Copied ${nodes.length} node${nodes.length === 1 ? '' : 's'}` });
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
        change(
          { nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted], edges: [...s.edges, ...pastedEdges] },
          `Pasted ${pasted.length} node${pasted.length === 1 ? '' : 's'}`,
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

      loadText(text, source) {
        const parsed = parseGraphDocument(text);
        if (!parsed.ok) {
          const file = source.name ?? source.path;
          set({ error: sentence(`${file ? `The file ${file}` : 'The file'} could not be opened: ${parsed.error}`) });
          return false;
        }
        const doc = parsed.document;
        const name = doc.name && doc.name !== 'Untitled' ? doc.name : source.name ? stripName(source.name) : doc.name;
        get().loadDocument({ ...doc, name }, source.path);
        return true;
      },

      loadDocument(doc, path) {
        show(doc, { path, dirty: false, history: emptyHistory(), status: `Opened ${doc.name}`, loadCount: get().loadCount + 1 });
      },

      newDocument() {
        show(emptyDocument(), { path: null, dirty: false, history: emptyHistory(), status: 'New graph', loadCount: get().loadCount + 1 });
      },

      toDocument: () => docOf(),

      markSaved(name, path) {
        set({ name: stripName(name), path, dirty: false, status: `Saved ${name}` });
      },

      setError: (message) => set({ error: message }),
      setStatus: (message) => set({ status: message }),
    };

    /**
     * The executor runs strictly in order, so the new one replays the forward steps the old one had
     * taken, then clears the edited node and what depends on it: independent values stay on screen.
     */
    async function replayUpstream(editedId: string, keepForward: number) {
      const s = get();
      if (s.plan.errors.length > 0) return;
      const steps = Math.min(keepForward, s.plan.order.length);
      await perform(
        (r) => {
          let last: StepOutcome = { ok: true, description: '' };
          while (last.ok && r.forwardCount() < steps) last = r.stepForward();
          if (last.ok) r.invalidate([editedId]);
          return last;
        },
        () => `Values of ${nodeTitle(s.nodes, editedId)} and what depends on it were cleared`,
      );
    }
  });
}

/** Messages from app/ start in lower case to fit after a colon; shown alone they read as a sentence. */
function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function dropKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
