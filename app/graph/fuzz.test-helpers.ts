import type { DataProvider, MnistBatchRequest } from '../ops/op';
import { createJsBackend } from '../tensor/js-backend';
import { createRandom, type Random } from '../tensor/random';
import { allocate, sizeOf } from '../tensor/tensor';
import { compile } from './compile';
import { createExecutor } from './executor';
import { parseGraphDocument } from './parse';

/**
 * Seeded mutation fuzzing of graph files (issue 8): each case takes an example file, applies a few
 * mutations (fields deleted, duplicated, retyped, huge numbers, cut text, big shapes, hostile ids) and
 * runs parse → compile → (when valid and small) forward and backward. A case must end with ok or
 * with clean sentences: nothing thrown, no JavaScript error text, no stack.
 */
export interface FuzzOutcome {
  readonly stage: 'parse' | 'compile' | 'run' | 'ok';
  /** The sentences the user would see. */
  readonly messages: readonly string[];
  /** Set when something threw out of parse, compile or the executor: a crash. */
  readonly crash?: string;
  readonly milliseconds: number;
}

/** JavaScript's own error texts: a sentence containing one of these is a leaked bug, not a message. */
export const LEAKED_ERROR = /TypeError|RangeError|ReferenceError|SyntaxError: (?!JSON|Unexpected|Expected|Bad|Unterminated)|Cannot read propert|is not a function|is not iterable|undefined is not|Invalid typed array length|Invalid array length|Maximum call stack|\n\s+at /;

/** Runs only graphs whose tensors together stay this small: the fuzz test checks behaviour, not memory. */
const MAX_RUN_ELEMENTS = 1_000_000;

const HOSTILE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'a'.repeat(300), '\u001b]0;x\u0007'];
const STRANGE_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, 0.5, 1e9, 1e300, -1e300, 2 ** 53, 40000, 2 ** 31, '', 'x', '1e9', [], [[]], [1, 'a'], {}, { x: 1 },
  [[1, 2], [3]], Array.from({ length: 50 }, (_, i) => i),
];

type Json = unknown;

/** Fake MNIST of the real sizes: the fuzzer tests the engine, not the data set. */
const fakeMnist: DataProvider = {
  mnistBatch(request: MnistBatchRequest) {
    const n = request.indices?.length ?? request.batchSize;
    const x = allocate([n, 784]);
    const t = allocate([n, 10]);
    for (let i = 0; i < n; i++) {
      x.data[i * 784 + (i % 784)] = 1;
      t.data[i * 10 + (i % 10)] = 1;
    }
    return { x, t };
  },
};

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.below(items.length)];
}

/** Every container (object or array) in the value, with its path, for picking a place to mutate. */
function containers(value: Json, out: { holder: Record<string, Json> | Json[] }[] = []): { holder: Record<string, Json> | Json[] }[] {
  if (Array.isArray(value)) {
    out.push({ holder: value });
    for (const v of value) containers(v, out);
  } else if (value !== null && typeof value === 'object') {
    out.push({ holder: value as Record<string, Json> });
    for (const v of Object.values(value as Record<string, Json>)) containers(v, out);
  }
  return out;
}

function mutateValue(random: Random, root: Json): void {
  const all = containers(root);
  const { holder } = pick(random, all);
  const keys = Array.isArray(holder) ? holder.map((_, i) => i) : Object.keys(holder);
  const key: string | number = keys.length > 0 ? pick<string | number>(random, keys) : Array.isArray(holder) ? 0 : 'extra';
  // Own fields as JSON.parse makes them (a key __proto__ included), and fresh copies of the shared strange values.
  const set = (value: Json) => Object.defineProperty(holder, key, { value: structuredClone(value), enumerable: true, writable: true, configurable: true });
  const current = (holder as Record<string | number, Json>)[key];
  switch (random.below(9)) {
    case 0: // delete a field / element
      if (Array.isArray(holder)) holder.splice(key as number, 1);
      else delete (holder as Record<string, Json>)[key as string];
      break;
    case 1: // duplicate an element (a node or an edge twice: duplicate ids)
      if (Array.isArray(holder) && holder.length > 0) holder.push(structuredClone(holder[key as number]));
      else set(structuredClone(current));
      break;
    case 2: // retype
      set(pick(random, STRANGE_VALUES));
      break;
    case 3: // a huge number where a number is
      set(typeof current === 'number' ? pick(random, [1e9, 1e18, 40000, 65536, 2 ** 26 + 1, -5, 0.1]) : current);
      break;
    case 4: // a hostile id wherever a string is
      set(typeof current === 'string' ? pick(random, HOSTILE_IDS) : current);
      break;
    case 5: // big shapes: Parameters and batches, stored tensors
      for (const c of all) {
        const h = c.holder as Record<string, Json>;
        if (!Array.isArray(h) && 'rows' in h) h[pick(random, ['rows', 'cols'])] = pick(random, [40000, 1e9, 8192, 3]);
        if (!Array.isArray(h) && 'batchSize' in h) h.batchSize = pick(random, [1e6, 10_000, 0, 2.5]);
        if (!Array.isArray(h) && 'shape' in h && Array.isArray(h.shape)) h.shape = pick(random, [[1e9, 1e9], [3], [], [-1]]);
      }
      break;
    case 6: // a new unknown field
      if (!Array.isArray(holder)) {
        const name = pick(random, ['tensors', 'params', 'weird', '__proto__']);
        Object.defineProperty(holder, name, { value: structuredClone(pick(random, STRANGE_VALUES)), enumerable: true, writable: true, configurable: true });
      }
      break;
    case 7: // rewire: point an edge end at another node id or port
      set(typeof current === 'string' ? pick(random, ['out', 'x', 'y', 'W', 'b', 't', 'W1', 'missing', 'e1']) : current);
      break;
    default: // deep nesting
      set([[[[[[[[[[current]]]]]]]]]]);
  }
}

/** One mutated file text from a seed file. */
export function mutateGraphText(seedText: string, random: Random): string {
  const root = JSON.parse(seedText) as Json;
  const count = 1 + random.below(3);
  for (let i = 0; i < count; i++) mutateValue(random, root);
  let text = JSON.stringify(root);
  const textual = random.below(10);
  if (textual === 0) text = text.slice(0, random.below(text.length + 1)); // cut text
  else if (textual === 1) {
    const at = random.below(text.length + 1);
    text = text.slice(0, at) + pick(random, ['{', ']', '"', '\u0000', ',', '1e999', 'null']) + text.slice(at);
  }
  return text;
}

/** parse → compile → run, as `bpstudio validate` and `run` (and the app's Step) do. Never throws. */
export function fuzzOne(text: string): FuzzOutcome {
  const started = performance.now();
  const done = (stage: FuzzOutcome['stage'], messages: readonly string[], crash?: string): FuzzOutcome => ({
    stage,
    messages,
    crash,
    milliseconds: performance.now() - started,
  });
  let stage: FuzzOutcome['stage'] = 'parse';
  try {
    const parsed = parseGraphDocument(text);
    if (!parsed.ok) return done('parse', parsed.errors);
    stage = 'compile';
    const plan = compile(parsed.document, { mnistAvailable: true });
    if (!plan.ok) return done('compile', plan.errors.map((e) => e.message));
    let elements = 0;
    for (const pn of plan.nodes.values()) for (const shape of Object.values(pn.outputShapes ?? {})) elements += sizeOf(shape);
    if (elements > MAX_RUN_ELEMENTS) return done('ok', []);
    stage = 'run';
    const executor = createExecutor(plan, { backend: createJsBackend('float64'), data: fakeMnist });
    const messages: string[] = [];
    for (const result of [executor.runForward(), executor.runBackward()]) {
      if (!result.ok) {
        messages.push(result.message);
        break;
      }
    }
    return done(messages.length > 0 ? 'run' : 'ok', messages);
  } catch (e) {
    return done(stage, [], e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e));
  }
}

/** The cases of one run: `count` mutations of the seed files, from one seed. */
export function* fuzzCases(seedTexts: readonly string[], seed: number, count: number): Generator<string> {
  const random = createRandom(seed);
  for (let i = 0; i < count; i++) yield mutateGraphText(pick(random, seedTexts), random);
}
