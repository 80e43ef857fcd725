import { createExecutor, type Executor, type StepResult } from '../../app/graph/executor';
import { mnistRequestFromParams } from '../../app/ops/mnist-batch';
import { createJsBackend } from '../../app/tensor/js-backend';
import { messageOf } from '../../app/i18n/messages';
import { NOTHING_RUN } from './document-transitions';
import type { GetGraph, GraphStore, SetGraph, SliceCreator, SteppingSlice } from './graph-state';
import type { MnistCache } from './mnist-cache';
import { errorNodeId } from './plan-view';
import { viewOf } from './run-view';
import { nodeRef, stepStatus, statusOf, type StatusMessage } from './status-message';

const backend = createJsBackend();

export interface StepContext {
  readonly set: SetGraph;
  readonly get: GetGraph;
  readonly mnist: MnistCache;
}

/**
 * Runs one move of the executor and publishes its result: the status line, the time, a new `run` view.
 * Every stepping action goes through here (a rewind or a timeline jump would too). MNIST batches are
 * fetched first; a batch the params did not predict is fetched and the move retried.
 */
export async function performStep(
  ctx: StepContext,
  move: (executor: Executor, s: GraphStore) => StepResult,
  describe: (executor: Executor, result: StepResult & { ok: true }) => StatusMessage = stepStatus,
): Promise<void> {
  const { set, get, mnist } = ctx;
  if (get().busy) return;
  set({ busy: true, error: null });
  try {
    await mnist.ensure(mnistRequests(get()));
    mnist.takeMisses();
    for (let attempt = 0; ; attempt++) {
      const executor = ensureExecutor(ctx);
      if (!executor) return;
      const started = performance.now();
      const result = move(executor, get());
      const lastStepMs = performance.now() - started;
      const missed = mnist.takeMisses();
      if (!result.ok && missed.length > 0 && attempt < 3) {
        await mnist.ensure(missed);
        continue;
      }
      if (result.ok) set({ status: describe(executor, result), lastStepMs, run: viewOf(executor) });
      else {
        const at = result.nodeId ? nodeRef(get().nodes, result.nodeId) : undefined;
        set({ error: statusOf('status:failed', { problem: { said: result, at } }), run: viewOf(executor) });
      }
      return;
    }
  } catch (e) {
    set({ error: statusOf('status:failed', { problem: { said: messageOf(e) } }), run: viewOf(get().executor) });
  } finally {
    set({ busy: false });
  }
}

/** The batches the MnistBatch nodes will ask for; a node with bad params is left to the plan's errors. */
function mnistRequests(s: GraphStore) {
  const requests = [];
  for (const n of s.nodes) {
    if (n.data.kind !== 'MnistBatch') continue;
    try {
      requests.push(mnistRequestFromParams(n.data.params));
    } catch {
      // compile reports it on the node
    }
  }
  return requests;
}

function ensureExecutor({ set, get, mnist }: StepContext): Executor | null {
  const s = get();
  if (s.executor) return s.executor;
  if (s.plan.errors.length > 0) {
    const first = s.plan.errors[0];
    const nodeId = errorNodeId(first);
    const at = nodeId && s.nodes.some((n) => n.id === nodeId) ? nodeRef(s.nodes, nodeId) : undefined;
    const more = s.plan.errors.length - 1;
    const problem = { said: first, at };
    set({ error: more > 0 ? statusOf('status:cannotRunMore', { problem, count: more }) : statusOf('status:cannotRun', { problem }) });
    return null;
  }
  const executor = createExecutor(s.plan, { backend, data: mnist.provider });
  set({ executor });
  return executor;
}

export function createSteppingSlice(mnist: MnistCache): SliceCreator<SteppingSlice> {
  return (set, get) => {
    const ctx: StepContext = { set, get, mnist };
    return {
      ...NOTHING_RUN,
      busy: false,
      lastStepMs: null,
      stepForward: () => performStep(ctx, (ex) => ex.stepForward(), (ex, r) => stepStatus(ex, r, 'forward')),
      stepBackward: () => performStep(ctx, (ex) => ex.stepBackward(), (ex, r) => stepStatus(ex, r, 'backward')),
      runForward: () => performStep(ctx, (ex) => ex.runForward(), (ex, r) => stepStatus(ex, r, 'forward')),
      // Running backward from a partial forward pass finishes the forward pass first; stepping does not.
      runBackward: () =>
        performStep(ctx, (ex) => {
          if (ex.forwardCursor < ex.plan.order.length) {
            const forward = ex.runForward();
            if (!forward.ok) return forward;
          }
          return ex.runBackward();
        }, (ex, r) => stepStatus(ex, r, 'backward')),
      reset() {
        set({ ...NOTHING_RUN, status: statusOf('status:reset'), error: null });
      },
    };
  };
}
