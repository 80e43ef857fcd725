import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseGraphDocument } from '../../../app/graph/parse';
import { storedToTensor } from '../../../app/graph/stored-tensors';
import { DEFAULT_TRAINING_OPTIONS } from '../../../app/train/protocol';
import { buildTestWorker } from '../../services/training-worker.test-helpers';
import { parseTrainArguments, runTrain } from './train';

let removeWorker: () => void;
const temp = mkdtempSync(join(tmpdir(), 'bp-train-cli-'));

beforeAll(async () => {
  const worker = await buildTestWorker();
  removeWorker = worker.remove;
  process.env.BPSTUDIO_TRAINING_WORKER = worker.path;
});
afterAll(() => {
  delete process.env.BPSTUDIO_TRAINING_WORKER;
  removeWorker?.();
  rmSync(temp, { recursive: true, force: true });
});

/** Runs `bpstudio train` in this process and captures what it prints. */
async function train(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runTrain(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('parseTrainArguments', () => {
  it('has the chapter defaults', () => {
    expect(parseTrainArguments([]).options).toEqual(DEFAULT_TRAINING_OPTIONS);
    expect(DEFAULT_TRAINING_OPTIONS).toMatchObject({ iterations: 10_000, batchSize: 100, learningRate: 0.1, hiddenSize: 50, optimizer: 'sgd' });
  });

  it('reads every option, with a space or an equals sign', () => {
    const args = parseTrainArguments([
      '--iters', '5', '--batch=7', '--lr', '0.5', '--hidden', '20', '--optimizer', 'adam', '--init', 'he',
      '--seed', '3', '--backend', 'js', '--std', '0.1', '--out', 'x.json', '--graph', 'g.json', '--json',
    ]);
    expect(args.options).toMatchObject({ iterations: 5, batchSize: 7, learningRate: 0.5, hiddenSize: 20, optimizer: 'adam', init: 'he', seed: 3, backend: 'js', weightStd: 0.1 });
    expect(args).toMatchObject({ outPath: 'x.json', graphPath: 'g.json', json: true });
  });
});

describe('bpstudio train', () => {
  // An option out of range says the same sentence as the app's option field (app/train/option-errors.ts), then what was given.
  const outOfRange = (
    [
      ['--iters', ['0', '1.5', '1e10'], 'Iterations must be a whole number from 1 to 1,000,000'],
      ['--hidden', ['100000'], 'Hidden units must be a whole number from 1 to 4,096'],
      ['--batch', ['100000', '16777217'], 'The batch size must be a whole number from 1 to 10,000'],
      ['--seed', ['-3'], 'The seed must be a whole number from 0 to 4,294,967,295'],
      ['--lr', ['fast', '0x10', '1e6'], 'The learning rate must be a number greater than 0 and at most 100'],
      ['--std', ['0'], 'The weight std must be a number greater than 0 and at most 10'],
    ] as const
  ).flatMap(([flag, given, sentence]) => given.map((value): [string[], string] => [[flag, value], `${sentence} (${flag} "${value}")`]));

  it.each([
    ...outOfRange,
    [['--optimizer', 'rmsprop'], '--optimizer must be one of sgd, momentum, adagrad, adam, got "rmsprop"'],
    [['--backend', 'gpu'], '--backend must be one of native, js, got "gpu"'],
    [['--batch'], '--batch needs a value'],
    [['--frobnicate'], 'unknown option --frobnicate'],
    [['extra'], 'unexpected argument "extra"'],
  ])('exits 2 on %j with a sentence', async (argv, message) => {
    const r = await train(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`bpstudio train: ${message}`);
    expect(r.stderr).toContain('usage: bpstudio train');
  });

  it('accepts decimal learning rates in any usual spelling', () => {
    for (const [text, value] of [['0.1', 0.1], ['.5', 0.5], ['1e-3', 0.001], ['2.', 2], ['100', 100]] as const) {
      expect(parseTrainArguments(['--lr', text]).options.learningRate).toBe(value);
    }
  });

  it('checks --out before training: a missing or read-only folder exits 1 at once, nothing trained', async () => {
    const missing = join(temp, 'no-such-folder', 'trained.json');
    const r = await train(['--out', missing]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `bpstudio train: cannot save to ${missing}: the folder ${join(temp, 'no-such-folder')} does not exist\n` });
    const folder = await train(['--out', temp]);
    expect(folder).toEqual({ code: 1, stdout: '', stderr: `bpstudio train: cannot save to ${temp}: it is a folder\n` });
    if (process.getuid?.() !== 0) {
      const locked = join(temp, 'locked');
      mkdirSync(locked, { mode: 0o500 });
      const r2 = await train(['--out', join(locked, 'x.json')]);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toBe(`bpstudio train: cannot save to ${join(locked, 'x.json')}: the folder ${locked} is not writable\n`);
    }
  });

  it('escapes control characters of the paths it prints', async () => {
    const r = await train(['--out', join(temp, 'gone\x1b]0;owned\x07', 'x.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    expect(r.stderr).toContain('gone\\x1b]0;owned\\x07');
  });

  it('exits 1 naming a graph file it cannot read', async () => {
    const r = await train(['--graph', join(temp, 'missing.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read the graph file ${join(temp, 'missing.json')}: no such file or folder`);
  });

  it('refuses a graph with problems before training, naming each problem in the app’s words', async () => {
    const net = JSON.parse(readFileSync(join(__dirname, '../../../assets/examples/09-two-layer-net.json'), 'utf8'));
    const cut = { ...net, edges: net.edges.filter((e: { target: string; targetHandle: string }) => !(e.target === 'loss' && e.targetHandle === 't')) };
    const cutPath = join(temp, 'cut.json');
    writeFileSync(cutPath, JSON.stringify(cut));
    const r = await train(['--graph', cutPath, '--iters', '1']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `bpstudio train: the graph in ${cutPath} cannot be trained:\n  Softmax-with-Loss node loss: input t is not connected\n` });

    const malformed = { ...net, nodes: [{ ...net.nodes[0], position: { x: 'left', y: 0 } }, ...net.nodes.slice(1)] };
    const malformedPath = join(temp, 'malformed.json');
    writeFileSync(malformedPath, JSON.stringify(malformed));
    const bad = await train(['--graph', malformedPath, '--iters', '1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`bpstudio train: the graph in ${malformedPath} cannot be trained:\n  the x coordinate of node ${net.nodes[0].id} should be a number, but the file has the text "left"\n`);
  });

  it('--json prints one line per epoch and a done line, and --out saves the trained graph', async () => {
    const out = join(temp, 'trained.json');
    const r = await train(['--iters', '601', '--json', '--out', out]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ epoch: 1, iteration: 1 });
    expect(lines[1]).toMatchObject({ epoch: 2, iteration: 601 });
    expect(Object.keys(lines[2])).toEqual(['done', 'seconds', 'train_acc', 'test_acc', 'backend']);
    expect(lines[2]).toMatchObject({ done: true, backend: 'native' });
    expect(lines[2].test_acc).toBeGreaterThanOrEqual(0.85);

    const saved = parseGraphDocument(readFileSync(out, 'utf8'));
    if (!saved.ok) throw new Error(saved.error);
    expect(storedToTensor(saved.document.tensors!.W1).shape).toEqual([784, 50]);
    // The saved graph trains on from its weights: its first loss is far below chance (ln 10).
    const again = await train(['--graph', out, '--iters', '1', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n')[0]).test_acc).toBeGreaterThanOrEqual(0.85);
  }, 180_000);

  it('--lr 100 stops with the divergence sentence, exit 1, and saves finite last good weights', async () => {
    const out = join(temp, 'diverged.json');
    const r = await train(['--lr', '100', '--iters', '300', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^training diverged at iteration \d+ \(loss = [0-9.]+\); try a smaller learning rate$/m);
    const saved = parseGraphDocument(readFileSync(out, 'utf8'));
    if (!saved.ok) throw new Error(saved.error);
    for (const stored of Object.values(saved.document.tensors!)) {
      expect(Array.from(storedToTensor(stored).data).every(Number.isFinite)).toBe(true);
    }
  }, 120_000);
});
