import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The real thing: the esbuild bundle behind bin/bpstudio.js, in its own process.
const root = join(__dirname, '../..');
const bpstudio = (...args: string[]) => spawnSync(process.execPath, ['bin/bpstudio.js', ...args], { cwd: root, encoding: 'utf8' });

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
});

describe('the built bpstudio command', () => {
  it('runs the apple example: 220; 2.2, 110, 200', () => {
    const r = bpstudio('run', 'assets/examples/01-apple.json', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const edges = new Map((JSON.parse(r.stdout).edges as { id: string; value: number; grad: number }[]).map((e) => [e.id, e]));
    expect(edges.get('e5')!.value).toBeCloseTo(220, 10);
    expect(edges.get('e1')!.grad).toBeCloseTo(2.2, 12);
    expect(edges.get('e2')!.grad).toBeCloseTo(110, 10);
    expect(edges.get('e4')!.grad).toBeCloseTo(200, 10);
  });

  it('exits 1 with a sentence and no stack trace for a missing file, and 2 for wrong usage', () => {
    const missing = bpstudio('validate', 'assets/examples/no-such-graph.json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('assets/examples/no-such-graph.json: the file does not exist\n');
    const usage = bpstudio('run');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: bpstudio run FILE');
  });
});
