import type { ActionTask, AnswerTask } from './schema';

/** What a task can see of the graph store: edges by their ends, what has run, the params. */
export interface LessonWorld {
  edge(from: string, fromPort: string, to: string, toPort: string): { value?: readonly number[]; grad?: readonly number[] } | null;
  ranForward(node: string): boolean;
  ranBackward(node: string): boolean;
  param(node: string, name: string): unknown;
}

const flat = (v: number | number[] | number[][]): number[] => (Array.isArray(v) ? (v as (number | number[])[]).flat() : [v]);

function close(actual: readonly number[] | undefined, expected: number[], tolerance: number): boolean {
  if (!actual || actual.length !== expected.length) return false;
  return expected.every((e, i) => Math.abs(actual[i] - e) <= tolerance);
}

/** True when the learner's action has made the task's condition hold in the store. */
export function actionDone(task: ActionTask, world: LessonWorld): boolean {
  switch (task.kind) {
    case 'nodeRan':
      return task.direction === 'forward' ? world.ranForward(task.node) : world.ranBackward(task.node);
    case 'edge': {
      const edge = world.edge(task.from, task.fromPort, task.to, task.toPort);
      return close(task.quantity === 'value' ? edge?.value : edge?.grad, flat(task.equals), task.tolerance);
    }
    case 'param': {
      const value = world.param(task.node, task.name);
      return typeof value === 'number' && Math.abs(value - task.equals) <= task.tolerance;
    }
  }
}

export type AnswerVerdict = { kind: 'correct' } | { kind: 'wrong'; attempts: number } | { kind: 'notNumber' };

/** Reads a typed number the way a learner may type it: full-width digits, a Unicode minus, a comma as decimal point. */
export function readNumber(text: string): number | null {
  const normalized = text.normalize('NFKC').trim().replace(/[−–]/g, '-').replace(/^(-?\d+),(\d+)$/, '$1.$2').replace(/\s+/g, '');
  if (normalized === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(normalized)) return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

/** Judges one typed answer; `attempts` counts the wrong answers before this one. Not a number is not an attempt. */
export function judgeAnswer(task: AnswerTask, text: string, attempts: number): AnswerVerdict {
  const n = readNumber(text);
  if (n === null) return { kind: 'notNumber' };
  if (Math.abs(n - task.equals) <= task.tolerance) return { kind: 'correct' };
  return { kind: 'wrong', attempts: attempts + 1 };
}
