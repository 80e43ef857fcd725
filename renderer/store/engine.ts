// The one file that speaks to app/graph's compile and executor, so the store and the components
// depend on this small surface only.
import type { GraphDocument } from '../../app/graph/document';
import { compile, type CompileError, type Plan } from '../../app/graph/compile';
import { createExecutor, type StepResult } from '../../app/graph/executor';
import type { DataProvider } from '../../app/ops/op';
import type { Tensor } from '../../app/tensor/tensor';
import { createJsBackend } from '../../app/tensor/js-backend';

export type PlanError = CompileError;

export interface CompiledGraph {
  readonly order: readonly string[];
  readonly errors: readonly PlanError[];
  /** Shape of a node's port, when inference reached it. */
  shapeOf(nodeId: string, port: string): readonly number[] | undefined;
  readonly plan: Plan;
}

/** A step's outcome: a sentence for the status bar, or the error that stopped it. */
export type StepOutcome = { readonly ok: true; readonly description: string } | { readonly ok: false; readonly message: string; readonly nodeId?: string };

export interface StepRunner {
  stepForward(): StepOutcome;
  stepBackward(): StepOutcome;
  runForward(): StepOutcome;
  runBackward(): StepOutcome;
  /** The node the last step executed, or null. */
  currentNodeId(): string | null;
  /** How many nodes have run forward. */
  forwardCount(): number;
  edgeValue(edgeId: string): Tensor | undefined;
  edgeGrad(edgeId: string): Tensor | undefined;
  portValue(nodeId: string, port: string): Tensor | undefined;
  portGrad(nodeId: string, port: string): Tensor | undefined;
  nodeError(nodeId: string): string | undefined;
  /** Clears these nodes and everything downstream; the cursor moves back to the first cleared node. */
  invalidate(nodeIds: readonly string[]): void;
}

export function compileGraph(doc: GraphDocument): CompiledGraph {
  const plan = compile(doc);
  // A cycle's error names every node on it: show it on each of them.
  const errors: PlanError[] = [];
  for (const e of plan.errors) {
    if (!e.nodeId && e.nodeIds && e.nodeIds.length > 0) for (const id of e.nodeIds) errors.push({ ...e, nodeId: id });
    else errors.push(e);
  }
  return {
    order: plan.order,
    errors,
    shapeOf: (nodeId, port) => {
      const pn = plan.nodes.get(nodeId);
      return pn?.outputShapes?.[port] ?? pn?.inputShapes?.[port];
    },
    plan,
  };
}

const backend = createJsBackend();

const outcome = (r: StepResult): StepOutcome => (r.ok ? { ok: true, description: r.description } : { ok: false, message: r.message, nodeId: r.nodeId });

export function createStepRunner(graph: CompiledGraph, data: DataProvider): StepRunner {
  const ex = createExecutor(graph.plan, { backend, data });
  return {
    stepForward: () => outcome(ex.stepForward()),
    stepBackward: () => outcome(ex.stepBackward()),
    runForward: () => outcome(ex.runForward()),
    runBackward: () => outcome(ex.runBackward()),
    currentNodeId: () => ex.currentNodeId ?? null,
    forwardCount: () => ex.forwardCursor,
    edgeValue: (id) => ex.edgeValue(id),
    edgeGrad: (id) => ex.edgeGrad(id),
    portValue: (nodeId, port) => ex.outputValue(nodeId, port),
    portGrad: (nodeId, port) => ex.outputGrad(nodeId, port),
    nodeError: (nodeId) => ex.nodeError(nodeId),
    invalidate: (nodeIds) => ex.invalidate(nodeIds),
  };
}
