import { z } from 'zod';

// A lesson is data: one JSON file under assets/lessons/, both languages in it, the graph it opens,
// its steps, and each step's task written against the graph store (not against pixels).

const localized = z.strictObject({ en: z.string().min(1), 'zh-CN': z.string().min(1) });
export type LocalizedText = z.infer<typeof localized>;

const nodeId = z.string().min(1).max(100);
const numbers = z.union([z.number(), z.array(z.number()), z.array(z.array(z.number()))]);

const graphSchema = z.union([
  z.strictObject({ example: z.string().regex(/^[\w.-]+\.json$/, 'an example is named by its file, such as 01-apple.json') }),
  z.strictObject({ document: z.record(z.string(), z.unknown()) }),
]);
export type LessonGraph = z.infer<typeof graphSchema>;

/** Done when the node has run in that direction (its values, or the gradients into its inputs, exist). */
const nodeRanTask = z.strictObject({ kind: z.literal('nodeRan'), node: nodeId, direction: z.enum(['forward', 'backward']), notYet: localized });

/** Done when an edge's value or gradient equals the numbers within the tolerance. */
const edgeTask = z.strictObject({
  kind: z.literal('edge'),
  from: nodeId,
  fromPort: z.string().default('out'),
  to: nodeId,
  toPort: z.string(),
  quantity: z.enum(['value', 'grad']),
  equals: numbers,
  tolerance: z.number().nonnegative().default(1e-6),
  notYet: localized,
});

/** Done when a node's number parameter equals the number within the tolerance. */
const paramTask = z.strictObject({
  kind: z.literal('param'),
  node: nodeId,
  name: z.string().min(1),
  equals: z.number(),
  tolerance: z.number().nonnegative().default(1e-9),
  notYet: localized,
});

/** A number the learner types: a hint after a wrong answer, the answer after two. */
const answerTask = z.strictObject({
  kind: z.literal('answer'),
  equals: z.number(),
  tolerance: z.number().nonnegative().default(1e-6),
  hint: localized,
  explanation: localized,
});

const taskSchema = z.discriminatedUnion('kind', [nodeRanTask, edgeTask, paramTask, answerTask]);
export type LessonTask = z.infer<typeof taskSchema>;
export type ActionTask = Exclude<LessonTask, { kind: 'answer' }>;
export type AnswerTask = Extract<LessonTask, { kind: 'answer' }>;

const stepSchema = z.strictObject({
  /** Markdown-light: paragraphs split by a blank line, **bold**, $inline$ and $$display$$ KaTeX. */
  text: localized,
  /** Opens this graph when the step is entered (the lesson's graph is opened at its start). */
  graph: graphSchema.optional(),
  task: taskSchema.optional(),
});
export type LessonStep = z.infer<typeof stepSchema>;

export const lessonSchema = z.strictObject({
  id: z.string().regex(/^\d+\.\d+$/, 'a lesson id is a section number such as 5.1'),
  title: localized,
  summary: localized,
  graph: graphSchema,
  steps: z.array(stepSchema).min(1),
});
export type Lesson = z.infer<typeof lessonSchema>;

export type ParsedLesson = { ok: true; lesson: Lesson } | { ok: false; file: string; message: string };

/** Reads one lesson file; what is wrong names the file and the place in it. */
export function parseLesson(file: string, text: string): ParsedLesson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, file, message: `${file} is not JSON: ${(error as Error).message}` };
  }
  const result = lessonSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, file, message: `${file} is not a valid lesson${where}: ${issue.message}` };
  }
  return { ok: true, lesson: result.data };
}

/** Every lesson that parses, in section order, and a message for each file that does not. */
export function loadLessons(files: Readonly<Record<string, string>>): { lessons: Lesson[]; problems: { file: string; message: string }[] } {
  const lessons: Lesson[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseLesson(file, text);
    if (parsed.ok) lessons.push(parsed.lesson);
    else problems.push({ file: parsed.file, message: parsed.message });
  }
  const key = (id: string) => id.split('.').map(Number);
  lessons.sort((a, b) => key(a.id)[0] - key(b.id)[0] || key(a.id)[1] - key(b.id)[1]);
  return { lessons, problems };
}
