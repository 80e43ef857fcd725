import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../app/api/contract';
import { parseOptionField, type OptionError, type OptionField } from '../../app/train/option-errors';
import { DEFAULT_TRAINING_OPTIONS, type TrainingEvent, type BackendName, type InitName, type OptimizerName, type TrainingOptions } from '../../app/train/protocol';
import { messageOf } from '../../app/i18n/messages';
import { trainingRefusal } from './training-refusal';
import { idle, reduceRun, type Run } from '../panels/training-run';
import { useApi } from '../store/store-context';

/** The numeric option fields, by their test-id names. */
export const NUMBER_FIELDS = ['iterations', 'batch', 'lr', 'hidden'] as const satisfies readonly OptionField[];
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** A finished run kept for the session, to compare and to save. */
export interface SessionRun {
  readonly n: number;
  readonly options: TrainingOptions;
  /** Wall-clock start, for the list. */
  readonly startedAt: number;
  readonly run: Run;
}

export interface TrainingSession {
  view: 'canvas' | 'training';
  current: Run;
  currentStartedAt: number;
  runs: SessionRun[];
  compared: number[];
  fields: Record<NumberField, string>;
  optimizer: OptimizerName;
  init: InitName;
  backend: BackendName;
  setView(view: 'canvas' | 'training'): void;
  setField(field: NumberField, text: string): void;
  setChoice(choice: Partial<Pick<TrainingSession, 'optimizer' | 'init' | 'backend'>>): void;
  toggleCompared(n: number): void;
  /** Starts a run of the current options (graphText: the canvas graph, else the chapter's net). */
  start(graphText?: string): Promise<void>;
}

/** Each field's error, or the options they make. */
export function readOptions(s: Pick<TrainingSession, 'fields' | 'optimizer' | 'init' | 'backend'>): { options: TrainingOptions | null; errors: Partial<Record<NumberField, OptionError>> } {
  const errors: Partial<Record<NumberField, OptionError>> = {};
  const values: Partial<Record<NumberField, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const parsed = parseOptionField(field, s.fields[field]);
    if ('error' in parsed) errors[field] = parsed.error;
    else values[field] = parsed.value;
  }
  if (Object.keys(errors).length > 0) return { options: null, errors };
  const options: TrainingOptions = {
    ...DEFAULT_TRAINING_OPTIONS,
    iterations: values.iterations!,
    batchSize: values.batch!,
    learningRate: values.lr!,
    hiddenSize: values.hidden!,
    optimizer: s.optimizer,
    init: s.init,
    backend: s.backend,
  };
  return { options, errors };
}

export function createTrainingSession(api: Api): StoreApi<TrainingSession> {
  const store = createStore<TrainingSession>((set, get) => ({
    view: 'canvas',
    current: idle,
    currentStartedAt: 0,
    runs: [],
    compared: [],
    fields: {
      iterations: String(DEFAULT_TRAINING_OPTIONS.iterations),
      batch: String(DEFAULT_TRAINING_OPTIONS.batchSize),
      lr: String(DEFAULT_TRAINING_OPTIONS.learningRate),
      hidden: String(DEFAULT_TRAINING_OPTIONS.hiddenSize),
    },
    optimizer: DEFAULT_TRAINING_OPTIONS.optimizer,
    init: DEFAULT_TRAINING_OPTIONS.init,
    backend: DEFAULT_TRAINING_OPTIONS.backend,
    setView: (view) => set({ view }),
    setField: (field, text) => set((s) => ({ fields: { ...s.fields, [field]: text } })),
    setChoice: (choice) => set(choice),
    toggleCompared: (n) => set((s) => ({ compared: s.compared.includes(n) ? s.compared.filter((m) => m !== n) : [...s.compared, n] })),
    async start(graphText) {
      const { options } = readOptions(get());
      if (!options) return;
      const refusal = graphText ? trainingRefusal(graphText) : null;
      if (refusal) {
        set({ current: { ...idle, state: 'failed', message: refusal } });
        return;
      }
      const request = graphText ? { ...options, graphText } : options;
      set({ current: { ...idle, state: 'running', iterations: options.iterations, options: request }, currentStartedAt: Date.now() });
      try {
        const { runId } = await api.startTraining(request);
        set((s) => (s.current.runId === null ? { current: { ...s.current, runId } } : {}));
      } catch (e) {
        set({ current: { ...idle, state: 'failed', message: messageOf(e) } });
      }
    },
  }));
  // Events are applied in batches, about four times a second while a run streams progress (ten or
  // more events a second; a learner reads no faster, and the page leaves the CPU to the training),
  // at the next frame for the events a click waits for (paused, resumed, the run's end).
  let queue: TrainingEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let urgentFrame = 0;
  const flush = () => {
    const events = queue;
    queue = [];
    let { current, runs } = store.getState();
    const { currentStartedAt } = store.getState();
    for (const event of events) {
      // The test-set analysis follows 'done' (after the next run's Start, if the learner is quick):
      // the finished run in the list gets it, whichever run is current.
      if (event.type === 'analysis') runs = runs.map((r) => (r.run.runId === event.runId ? { ...r, run: reduceRun(r.run, event) } : r));
      const next = reduceRun(current, event);
      if (next === current) continue;
      current = next;
      if (event.type === 'done' && next.options) runs = [...runs, { n: runs.length + 1, options: next.options, startedAt: currentStartedAt, run: next }];
    }
    store.setState({ current, runs });
  };
  api.onTrainingEvent((event) => {
    queue.push(event);
    if (URGENT.has(event.type)) {
      cancelAnimationFrame(urgentFrame);
      urgentFrame = requestAnimationFrame(run);
    }
    timer ??= setTimeout(run, STREAM_FLUSH_MS);
  });
  function run(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    cancelAnimationFrame(urgentFrame);
    if (queue.length > 0) flush();
  }
  return store;
}

/** How often streamed events (progress, weights) reach the screen. */
const STREAM_FLUSH_MS = 250;
const URGENT: ReadonlySet<TrainingEvent['type']> = new Set(['started', 'paused', 'resumed', 'analysis', 'done', 'cancelled', 'failed']);

const sessions = new WeakMap<Api, StoreApi<TrainingSession>>();

/** One session per Api (the app has one): it outlives the workspace's mounting and the view switches. */
export function trainingSessionFor(api: Api): StoreApi<TrainingSession> {
  let session = sessions.get(api);
  if (!session) sessions.set(api, (session = createTrainingSession(api)));
  return session;
}

export function useTrainingSession<T>(selector: (s: TrainingSession) => T): T {
  return useStore(trainingSessionFor(useApi()), selector);
}

export function useTrainingSessionApi(): StoreApi<TrainingSession> {
  return trainingSessionFor(useApi());
}
