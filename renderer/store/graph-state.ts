import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { Plan } from '../../app/graph/compile';
import type { GraphDocument, StoredTensor } from '../../app/graph/document';
import type { Executor } from '../../app/graph/executor';
import type { ParamValue } from '../../app/ops/op';
import type { FlowEdge, FlowNode } from './flow-document';
import type { History } from './history';
import type { RunView } from './run-view';
import type { ErrorNote, StatusMessage, StatusValue } from './status-message';

// The whole store's shape in one place; each slice file implements one of these interfaces.

/** The graph being edited: what the canvas draws and what compile checks. */
export interface DocumentSlice {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** compile's plan of the current document: order, shapes and what is wrong. */
  plan: Plan;
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  addNode(kind: string, position: XYPosition): string | null;
  /** Adds the edge, or refuses it with a message (returns false). */
  connect(connection: Connection): boolean;
  deleteSelected(): void;
  deleteNodes(ids: readonly string[]): void;
  updateParam(nodeId: string, name: string, value: ParamValue): void;
  updateLabel(nodeId: string, label: string): void;
}

export interface SelectionSlice {
  clipboard: { nodes: FlowNode[]; edges: FlowEdge[] } | null;
  copy(): void;
  paste(): void;
  selectAll(): void;
  select(nodeId: string | null): void;
}

export interface HistorySlice {
  history: History<GraphDocument>;
  /** Records an undo point before a drag moves nodes. */
  beginDrag(): void;
  undo(): void;
  redo(): void;
}

export interface SteppingSlice {
  /** Runs the plan node by node; null until the first step after the last change. Views read `run`. */
  executor: Executor | null;
  /** The values and gradients after the last step: a new object after every step, so views re-render. */
  run: RunView;
  busy: boolean;
  /** How long the last step or run took to compute, in milliseconds (rendering excluded). */
  lastStepMs: number | null;
  stepForward(): Promise<void>;
  stepBackward(): Promise<void>;
  runForward(): Promise<void>;
  runBackward(): Promise<void>;
  reset(): void;
}

export interface FileSlice {
  name: string;
  description?: string;
  tensors?: Record<string, StoredTensor>;
  /** Where the document was opened from or saved to; null for a new one. */
  path: string | null;
  dirty: boolean;
  /** Counts documents shown by open/new (not by undo), so the view can fit each one once. */
  loadCount: number;
  /** Parses and shows a graph file; a bad file leaves the canvas as it was and sets `error`. */
  loadText(text: string, source: { name?: string; path: string | null }): boolean;
  loadDocument(doc: GraphDocument, path: string | null): void;
  newDocument(): void;
  toDocument(): GraphDocument;
  markSaved(name: string, path: string): void;
}

export interface MessageSlice {
  /** The status line as a catalog key and its values; the status bar writes it in the UI language. */
  status: StatusMessage;
  error: ErrorNote | null;
  setError(message: ErrorNote | null): void;
  /** `key` with its namespace ('files:saved'). */
  setStatus(key: string, values?: Record<string, StatusValue>): void;
}

/** Explaining a gradient, opening composites, the step timeline (renderer/explain). */
export interface ExplainSlice {
  /** The edge the explain panel explains, or null when it is closed. */
  explainEdgeId: string | null;
  /** The edges of the path the pointer is on in the explain panel. */
  highlightedEdgeIds: readonly string[];
  /** The edge under the pointer, which E explains. */
  hoveredEdgeId: string | null;
  /** Gradients into constants (labels, MNIST images) are hidden unless this is set. */
  showConstantGradients: boolean;
  explain(edgeId: string | null): void;
  highlight(edgeIds: readonly string[]): void;
  hoverEdge(edgeId: string | null): void;
  setShowConstantGradients(show: boolean): void;
  /** Opens a composite node into its primitives (one undo step); false when it is not one. */
  expandNode(nodeId: string): boolean;
  /** Puts an opened composite back (one undo step); false when the group was changed or is not one. */
  collapseNode(nodeId: string): boolean;
  duplicateNode(nodeId: string): void;
  /** Replays the passes from the start to a timeline position (0 … 2n). */
  jumpTo(position: number): Promise<void>;
  /** Takes back the last step, forward or backward. */
  rewindStep(): Promise<void>;
}

export type GraphStore = DocumentSlice & SelectionSlice & HistorySlice & SteppingSlice & FileSlice & MessageSlice & ExplainSlice;

export type SliceCreator<T> = StateCreator<GraphStore, [], [], T>;
export type SetGraph = StoreApi<GraphStore>['setState'];
export type GetGraph = StoreApi<GraphStore>['getState'];
