import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, orderPosition } from '../graph/compile';
import { createExecutor, type Executor } from '../graph/executor';
import { parseGraphDocument } from '../graph/parse';
import { createJsBackend } from '../tensor/js-backend';
import { actionDone, judgeAnswer, readNumber, type LessonWorld } from './check';
import { loadLessons, parseLesson, type LessonGraph } from './schema';

const root = join(__dirname, '../..');
const lessonFiles = Object.fromEntries(
  readdirSync(join(root, 'assets/lessons'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, readFileSync(join(root, 'assets/lessons', f), 'utf8')]),
);

function executorFor(graph: LessonGraph): Executor {
  const text = 'example' in graph ? readFileSync(join(root, 'assets/examples', graph.example), 'utf8') : JSON.stringify(graph.document);
  const parsed = parseGraphDocument(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const plan = compile(parsed.document);
  expect(plan.errors).toEqual([]);
  return createExecutor(plan, { backend: createJsBackend('float64') });
}

/** The same view of a graph the app's store world gives, over a bare executor. */
function worldOf(executor: Executor): LessonWorld {
  const plan = executor.plan;
  return {
    edge(from, fromPort, to, toPort) {
      const edge = [...plan.edges.values()].find((e) => e.source === from && e.sourceHandle === fromPort && e.target === to && e.targetHandle === toPort);
      if (!edge) return null;
      return { value: executor.edgeValue(edge.id)?.data as unknown as number[], grad: executor.edgeGrad(edge.id)?.data as unknown as number[] };
    },
    ranForward: (node) => orderPosition(plan, node) >= 0 && orderPosition(plan, node) < executor.forwardCursor,
    ranBackward(node) {
      const into = [...plan.edges.values()].filter((e) => e.target === node);
      return into.length > 0 && into.every((e) => executor.edgeGrad(e.id) !== undefined);
    },
    param: (node, name) => plan.document.nodes.find((n) => n.id === node)?.params[name],
  };
}

describe('the lessons of chapter 5', () => {
  const { lessons, problems } = loadLessons(lessonFiles);

  it('every lesson file parses, 5.1 to 5.7 in order', () => {
    expect(problems).toEqual([]);
    expect(lessons.map((l) => l.id)).toEqual(['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7']);
  });

  // MNIST is not loaded in unit tests: 5.7's graph is checked by the e2e spec.
  it.each(lessons.filter((l) => l.id !== '5.7').map((l) => [l.id, l] as const))('%s: each action check fails before the graph has run and holds after', (_id, lesson) => {
    let graph = lesson.graph;
    for (const step of lesson.steps) {
      graph = step.graph ?? graph;
      const task = step.task;
      if (!task || task.kind === 'answer') continue;
      const executor = executorFor(graph);
      expect(actionDone(task, worldOf(executor))).toBe(false);
      expect(executor.runForward()).toMatchObject({ ok: true });
      if (task.kind === 'nodeRan' && task.direction === 'forward') expect(actionDone(task, worldOf(executor))).toBe(true);
      expect(executor.runBackward()).toMatchObject({ ok: true });
      expect(actionDone(task, worldOf(executor))).toBe(true);
    }
  });

  it.each(lessons.map((l) => [l.id, l] as const))('%s: each typed answer is right at its number and wrong beside it', (_id, lesson) => {
    for (const step of lesson.steps) {
      const task = step.task;
      if (task?.kind !== 'answer') continue;
      expect(judgeAnswer(task, String(task.equals), 0)).toEqual({ kind: 'correct' });
      expect(judgeAnswer(task, String(task.equals + 1), 0)).toEqual({ kind: 'wrong', attempts: 1 });
    }
  });
});

describe('lesson files that do not parse', () => {
  it('are refused with a message naming the file, and the others still load', () => {
    const { lessons, problems } = loadLessons({
      '5.1.json': lessonFiles['5.1.json'],
      'broken.json': '{ "id": "9.9", ',
      'no-steps.json': JSON.stringify({ id: '9.8', title: { en: 'x', 'zh-CN': 'x' }, summary: { en: 'x', 'zh-CN': 'x' }, graph: { example: 'a.json' }, steps: [] }),
    });
    expect(lessons.map((l) => l.id)).toEqual(['5.1']);
    expect(problems.map((p) => p.file)).toEqual(['broken.json', 'no-steps.json']);
    expect(problems[0].message).toMatch(/^broken\.json is not JSON/);
    expect(problems[1].message).toMatch(/^no-steps\.json is not a valid lesson at steps/);
  });

  it('names a missing translation', () => {
    const lesson = JSON.parse(lessonFiles['5.1.json']);
    delete lesson.steps[0].text['zh-CN'];
    const parsed = parseLesson('5.1.json', JSON.stringify(lesson));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('steps.0.text.zh-CN');
  });
});

describe('typed answers', () => {
  it('reads numbers as a learner types them', () => {
    expect(readNumber(' 2.2 ')).toBe(2.2);
    expect(readNumber('２．２')).toBe(2.2);
    expect(readNumber('−0.8')).toBe(-0.8);
    expect(readNumber('6,5')).toBe(6.5);
    expect(readNumber('1e-3')).toBe(0.001);
  });

  it('refuses what is not a number without counting it as an attempt', () => {
    const task = { kind: 'answer', equals: 2.2, tolerance: 1e-6, hint: { en: 'h', 'zh-CN': 'h' }, explanation: { en: 'e', 'zh-CN': 'e' } } as const;
    for (const text of ['', 'abc', '2.2.2', '二点二', '1/0']) expect(judgeAnswer(task, text, 1)).toEqual({ kind: 'notNumber' });
    expect(judgeAnswer(task, '2.3', 1)).toEqual({ kind: 'wrong', attempts: 2 });
    expect(judgeAnswer(task, '2.2000001', 1)).toEqual({ kind: 'correct' });
  });
});
