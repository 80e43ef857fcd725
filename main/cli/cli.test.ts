import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import type { CliIo } from './io';

const examples = join(__dirname, '../../assets/examples');
const scratch = mkdtempSync(join(tmpdir(), 'bpstudio-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
  const code = await runCli(argv, io);
  return { code, out, err };
}

interface EdgeJson {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle: string;
  value: number | { shape: number[]; data: number[] } | null;
  grad: number | { shape: number[]; data: number[] } | null;
}

async function runJson(example: string): Promise<Map<string, EdgeJson>> {
  const { code, out, err } = await cli('run', join(examples, example), '--json');
  expect(err).toBe('');
  expect(code).toBe(0);
  const parsed = JSON.parse(out) as { edges: EdgeJson[]; errors: unknown[] };
  expect(parsed.errors).toEqual([]);
  return new Map(parsed.edges.map((e) => [e.id, e]));
}

const num = (v: EdgeJson['value']) => v as number;
const data = (v: EdgeJson['value']) => (v as { data: number[] }).data;

describe("bpstudio run --json: the chapter's numbers", () => {
  it('01 apple: 220; d apple 2.2, d count 110, d tax 200', async () => {
    const edges = await runJson('01-apple.json');
    expect(Object.keys(edges.get('e1')!)).toEqual(['id', 'source', 'sourceHandle', 'target', 'targetHandle', 'value', 'grad']);
    expect(edges.get('e1')).toMatchObject({ source: 'apple', sourceHandle: 'out', target: 'mul_apple', targetHandle: 'x', value: 100 });
    expect(num(edges.get('e5')!.value)).toBeCloseTo(220, 10);
    expect(num(edges.get('e1')!.grad)).toBeCloseTo(2.2, 12);
    expect(num(edges.get('e2')!.grad)).toBeCloseTo(110, 10);
    expect(num(edges.get('e4')!.grad)).toBeCloseTo(200, 10);
  });

  it('02 apple and orange: 715; 110, 2.2, 3.3, 165, 650', async () => {
    const edges = await runJson('02-apple-orange.json');
    expect(num(edges.get('e9')!.value)).toBeCloseTo(715, 10);
    const grads = ['e2', 'e1', 'e3', 'e4', 'e8'].map((id) => num(edges.get(id)!.grad));
    [110, 2.2, 3.3, 165, 650].forEach((g, i) => expect(grads[i]).toBeCloseTo(g, 10));
  });

  it('03 add and 04 mul with upstream 1.3', async () => {
    const add = await runJson('03-add-node.json');
    expect(num(add.get('e3')!.value)).toBe(15);
    expect(num(add.get('e1')!.grad)).toBeCloseTo(1.3, 14);
    expect(num(add.get('e2')!.grad)).toBeCloseTo(1.3, 14);
    const mul = await runJson('04-mul-node.json');
    expect(num(mul.get('e3')!.value)).toBe(50);
    expect(num(mul.get('e1')!.grad)).toBeCloseTo(6.5, 12);
    expect(num(mul.get('e2')!.grad)).toBeCloseTo(13, 12);
  });

  it('05 ReLU, 06 Sigmoid against its decomposition, 07 Affine bias, 08 Softmax-with-Loss', async () => {
    const relu = await runJson('05-relu.json');
    expect(relu.get('e2')!.value).toEqual({ shape: [2, 2], data: [1, 0, 0, 3] });
    expect(data(relu.get('e1')!.grad)).toEqual([1, 0, 0, 1]);

    const sigmoid = await runJson('06-sigmoid-decomposed.json');
    const y = 1 / (1 + Math.exp(-1));
    expect(num(sigmoid.get('e2')!.value)).toBeCloseTo(y, 15);
    expect(num(sigmoid.get('e9')!.value)).toBeCloseTo(y, 15);
    expect(num(sigmoid.get('e1')!.grad)).toBeCloseTo(y * (1 - y), 15);
    expect(num(sigmoid.get('e3')!.grad)).toBeCloseTo(y * (1 - y), 15);

    const affine = await runJson('07-affine-batch.json');
    expect(affine.get('e4')!.value).toEqual({ shape: [2, 3], data: [1, 2, 3, 11, 12, 13] });
    expect(affine.get('e3')!.grad).toEqual({ shape: [3], data: [5, 7, 9] });

    const softmax = await runJson('08-softmax-with-loss.json');
    const dx = data(softmax.get('e1')!.grad);
    [0.3, -0.8, 0.5].forEach((g, i) => expect(dx[i]).toBeCloseTo(g, 7));
  });

  it('prints a readable table with the node labels', async () => {
    const { code, out } = await cli('run', join(examples, '01-apple.json'));
    expect(code).toBe(0);
    const line = (id: string) => out.split('\n').find((l) => l.startsWith(`${id} `))!;
    expect(line('e4')).toMatch(/^e4\s+tax\s+× tax \(y\)\s+1\.1\s+200$/);
    expect(line('e1')).toMatch(/apple price\s+apple price × count \(x\)\s+100\s+2\.2$/);
    expect(line('e5')).toMatch(/220\s+1$/);
  });

  it('validates every example', async () => {
    for (const file of ['01-apple', '02-apple-orange', '03-add-node', '04-mul-node', '05-relu', '06-sigmoid-decomposed', '07-affine-batch', '08-softmax-with-loss', '09-two-layer-net']) {
      expect(await cli('validate', join(examples, `${file}.json`))).toEqual({ code: 0, out: 'ok\n', err: '' });
    }
  });
});

describe('bpstudio gradcheck', () => {
  it("agrees on the two-layer net with 3 MNIST images to the chapter's order", async () => {
    // All of b1, W2 and b2; 1500 elements of W1 spread over it (the full W1 takes ~80,000 passes).
    const { code, out, err } = await cli('gradcheck', join(examples, '09-two-layer-net.json'), '--json', '--sample', '1500');
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { sources: { nodeId: string; checked: number; meanAbsDiff: number; maxRelError: number }[] };
    expect(result.sources.map((s) => [s.nodeId, s.checked])).toEqual([['W1', 1500], ['b1', 50], ['W2', 500], ['b2', 10]]);
    for (const s of result.sources) {
      expect(s.meanAbsDiff).toBeGreaterThan(1e-13);
      expect(s.meanAbsDiff).toBeLessThan(1e-6);
    }
  });

  it('prints a table for the apple', async () => {
    const { code, out } = await cli('gradcheck', join(examples, '01-apple.json'));
    expect(code).toBe(0);
    expect(out).toMatch(/apple price \(apple\)\s+scalar\s+all\s+\S+\s+\S+/);
  });
});

const apple = JSON.parse(readFileSync(join(examples, '01-apple.json'), 'utf8'));
function badFile(name: string, content: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('bad input: one sentence, exit code 1, no stack trace', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a file that is not JSON', () => badFile('not.json', '{"format": "backprop-studio-graph",'), /: the file is not valid JSON: it ends too early \(a bracket or a quote is never closed\)$/m],
    ['JSON of the wrong shape', () => badFile('shape.json', { ...apple, nodes: [{ ...apple.nodes[0], position: { x: 'left', y: 0 } }, ...apple.nodes.slice(1)] }), /: the x coordinate of node apple should be a number, but the file has the text "left"$/m],
    ['an unknown node kind', () => badFile('kind.json', { ...apple, nodes: [...apple.nodes.slice(0, 5), { ...apple.nodes[5], kind: 'Teleport' }] }), /: node total has kind Teleport, which Backprop Studio does not know$/m],
    ['a dangling edge', () => badFile('dangling.json', { ...apple, edges: [...apple.edges, { id: 'e6', source: 'tax', sourceHandle: 'out', target: 'n9', targetHandle: 'x' }] }), /: edge e6 points to node n9, which does not exist$/m],
    ['a duplicate id', () => badFile('duplicate.json', { ...apple, nodes: [...apple.nodes, { ...apple.nodes[1], position: { x: 9, y: 9 } }] }), /: two nodes have the id apple_count$/m],
    [
      'a cycle',
      () => badFile('cycle.json', {
        ...apple,
        edges: apple.edges.map((e: { id: string }) => (e.id === 'e1' ? { id: 'e1', source: 'mul_tax', sourceHandle: 'out', target: 'mul_apple', targetHandle: 'x' } : e)),
      }),
      /: the graph has a cycle: mul_apple → mul_tax → mul_apple$/m,
    ],
    [
      'a shape mismatch',
      () => badFile('shapes.json', {
        ...apple,
        nodes: apple.nodes.map((n: { id: string }) => (n.id === 'tax' ? { ...n, kind: 'Tensor', params: { value: [[1, 2, 3], [4, 5, 6]] } } : n.id === 'apple' ? { ...n, kind: 'Tensor', params: { value: [1, 2] } } : n)),
      }),
      /: Multiply node “× tax”: .* 2 .*2×3/,
    ],
    ['a newer version', () => badFile('newer.json', { ...apple, version: 7 }), /: the file was created by a newer version of Backprop Studio \(file version 7, this app reads up to 1\)$/m],
    ['a file that does not exist', () => join(scratch, 'missing.json'), /missing\.json: the file does not exist$/m],
  ];

  for (const [what, makeFile, sentence] of cases) {
    it(what, async () => {
      const file = makeFile();
      for (const command of ['run', 'validate', 'gradcheck']) {
        const { code, out, err } = await cli(command, file);
        expect(code, `${command}: ${err}`).toBe(1);
        expect(out).toBe('');
        expect(err).toMatch(sentence);
        expect(err).not.toMatch(/\n\s+at /);
      }
    });
  }

  it('a graph whose MnistBatch reaches into images that do not exist fails at the node, with exit code 1', async () => {
    const doc = JSON.parse(readFileSync(join(examples, '09-two-layer-net.json'), 'utf8'));
    doc.nodes[0].params.indices = [0, 1, 60_000];
    const { code, err } = await cli('run', badFile('index.json', doc));
    expect(code).toBe(1);
    expect(err).toMatch(/: MNIST batch node “MNIST batch \(first 3 training images\)”: MNIST image index 60000 /);
  });
});

describe('usage', () => {
  it('exits 2 with the usage for a missing or unknown command, a missing FILE and an unknown option', async () => {
    for (const argv of [[], ['frobnicate'], ['run'], ['validate', 'a.json', 'b.json'], ['run', 'a.json', '--yaml'], ['gradcheck', 'a.json', '--sample', 'many']]) {
      const { code, out, err } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err).toContain('Usage: bpstudio');
    }
  });

  it('prints help on stdout and exits 0', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toContain('Usage: bpstudio COMMAND');
    const run = await cli('run', '--help');
    expect(run.out).toContain('Usage: bpstudio run FILE [--json]');
  });
});

describe('terminal escapes in user strings', () => {
  // An id and a label that would retitle the terminal, clear it and move the cursor if printed raw.
  const hostile = 'apple\u001b]0;pwned\u0007\u001b[2J\u009b1A\u202e';
  const shown = 'apple\\x1b]0;pwned\\x07\\x1b[2J\\x9b1A\\u202e';
  const write = (name: string, edit: (text: string) => string): string => {
    const path = join(scratch, name);
    writeFileSync(path, edit(readFileSync(join(examples, '01-apple.json'), 'utf8')));
    return path;
  };
  const noControls = (text: string) => expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);

  it('run prints ids and labels escaped in its table', async () => {
    const file = write('hostile-run.json', (t) => t.replaceAll('"apple"', JSON.stringify(hostile)).replace('"apple price"', JSON.stringify(`${hostile} price`)));
    const { code, out, err } = await cli('run', file);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    noControls(out);
    expect(out).toContain(`${shown} price`);
  });

  it('validate prints the node id of an error escaped, and so does a file name', async () => {
    const file = write('hostile-validate.json', (t) => t.replaceAll('"apple"', JSON.stringify(hostile)).replace('"kind": "Scalar"', '"kind": "Nope"'));
    const bad = await cli('validate', file);
    expect(bad.code).toBe(1);
    noControls(bad.err);
    expect(bad.err).toContain(shown);
    const missing = await cli('validate', join(scratch, `${hostile}.json`));
    expect(missing.code).toBe(1);
    noControls(missing.err);
    expect(missing.err).toBe(`${join(scratch, `${shown}.json`)}: the file does not exist\n`);
  });
});
