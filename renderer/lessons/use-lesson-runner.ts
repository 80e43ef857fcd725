import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionDone, judgeAnswer } from '../../app/lessons/check';
import type { Lesson, LessonGraph } from '../../app/lessons/schema';
import { useApi, useGraph, useGraphStoreApi } from '../store/store-context';
import { loadDone, saveDone } from './progress';
import { storeWorld } from './store-world';

export type Feedback =
  | { kind: 'correct' }
  | { kind: 'wrong'; attempts: number }
  | { kind: 'notNumber'; text: string }
  | { kind: 'notYet' }
  | { kind: 'done' };

interface Position {
  readonly lesson: Lesson;
  readonly step: number;
  /** Steps whose task the learner completed (they stay completed). */
  readonly completed: ReadonlySet<number>;
  /** Wrong answers so far, per step. */
  readonly attempts: Readonly<Record<number, number>>;
  readonly feedback: Feedback | null;
  readonly graphKey: string | null;
}

const graphKey = (graph: LessonGraph): string => ('example' in graph ? `example:${graph.example}` : `document:${JSON.stringify(graph.document)}`);

/** The graph a step works on: its own, else the last one an earlier step opened, else the lesson's. */
function graphAt(lesson: Lesson, step: number): LessonGraph {
  for (let i = step; i >= 0; i--) if (lesson.steps[i].graph) return lesson.steps[i].graph!;
  return lesson.graph;
}

/** One lesson at a time: its step, the checks of its tasks against the store, and progress kept between starts. */
export function useLessonRunner() {
  const { t } = useTranslation('lessons');
  const api = useApi();
  const store = useGraphStoreApi();
  const [position, setPosition] = useState<Position | null>(null);
  const [done, setDone] = useState<ReadonlySet<string>>(() => loadDone());
  const [error, setError] = useState<string | null>(null);
  const opening = useRef(0);

  const openGraph = useCallback(
    async (graph: LessonGraph, lesson: Lesson): Promise<boolean> => {
      const s = store.getState();
      if (s.dirty && !window.confirm(t('discard', { name: s.name }))) return false;
      const ticket = ++opening.current;
      try {
        const text = 'example' in graph ? (await api.readExample(graph.example)).text : JSON.stringify(graph.document);
        if (ticket !== opening.current) return false;
        const name = 'example' in graph ? graph.example : `${lesson.id}.json`;
        if (!store.getState().loadText(text, { name, path: null })) return false;
        store.setState({ path: null });
        setError(null);
        return true;
      } catch (e) {
        setError(t('graphFailed', { message: e instanceof Error ? e.message : String(e) }));
        return false;
      }
    },
    [api, store, t],
  );

  const goTo = useCallback(
    async (lesson: Lesson, step: number, from: Position | null) => {
      const graph = graphAt(lesson, step);
      const key = graphKey(graph);
      const same = from?.lesson.id === lesson.id;
      if (!same || from?.graphKey !== key) {
        if (!(await openGraph(graph, lesson))) return;
      }
      setPosition({
        lesson,
        step,
        completed: same ? from.completed : new Set(),
        attempts: same ? from.attempts : {},
        feedback: null,
        graphKey: key,
      });
    },
    [openGraph],
  );

  const start = useCallback((lesson: Lesson) => void goTo(lesson, 0, null), [goTo]);

  const step = position ? position.lesson.steps[position.step] : undefined;
  const task = step?.task;
  const actionTask = task && task.kind !== 'answer' ? task : null;
  const actionHolds = useGraph((s) => (actionTask ? actionDone(actionTask, storeWorld(s)) : false));

  // An action task is checked live: the moment the store shows it, the step is complete.
  useEffect(() => {
    if (!position || !actionHolds || position.completed.has(position.step)) return;
    setPosition({ ...position, completed: new Set([...position.completed, position.step]), feedback: { kind: 'done' } });
  }, [actionHolds, position]);

  const stepComplete = !!position && (!task || position.completed.has(position.step));
  const isLast = !!position && position.step === position.lesson.steps.length - 1;

  return useMemo(
    () => ({
      position,
      step,
      task,
      done,
      error,
      stepComplete,
      isLast,
      start,
      close: () => setPosition(null),
      next() {
        if (!position || !stepComplete) return;
        if (!isLast) return void goTo(position.lesson, position.step + 1, position);
        const finished = new Set([...done, position.lesson.id]);
        setDone(finished);
        saveDone(finished);
        setPosition({ ...position, feedback: { kind: 'done' } });
      },
      prev() {
        if (position && position.step > 0) void goTo(position.lesson, position.step - 1, position);
      },
      /** The learner asks whether the action task holds yet. */
      check() {
        if (!position || !actionTask) return;
        setPosition({ ...position, feedback: actionHolds ? { kind: 'done' } : { kind: 'notYet' } });
      },
      answer(text: string) {
        if (!position || task?.kind !== 'answer' || position.completed.has(position.step)) return;
        const verdict = judgeAnswer(task, text, position.attempts[position.step] ?? 0);
        if (verdict.kind === 'correct') {
          setPosition({ ...position, completed: new Set([...position.completed, position.step]), feedback: verdict });
        } else if (verdict.kind === 'wrong') {
          setPosition({ ...position, attempts: { ...position.attempts, [position.step]: verdict.attempts }, feedback: verdict });
        } else setPosition({ ...position, feedback: { kind: 'notNumber', text } });
      },
    }),
    [position, step, task, done, error, stepComplete, isLast, start, goTo, actionTask, actionHolds],
  );
}

export type LessonRunner = ReturnType<typeof useLessonRunner>;
