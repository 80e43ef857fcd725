import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rule (docs/architecture.md), checked on every import: app/ imports nothing from the other layers and no
// Node, DOM or Electron module; renderer/ imports only app/ (and browser packages); the preload only
// electron, types and files with no imports of their own.
const root = resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]);
}

function layerOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(root, resolve(file, '..', spec));
  return target.split(/[\\/]/)[0];
}

/**
 * Inside app/: tensor < ops < graph < gradcheck, train, lessons < explain < api. A folder imports only from lower
 * ranks (and itself); app/'s own root modules (limits, mnist, options, commands) and i18n are the base
 * every layer may read, and import only each other. A folder not in the table fails the test until placed.
 */
export const APP_RANKS: Readonly<Record<string, number>> = { '': -1, i18n: -1, tensor: 0, ops: 1, graph: 2, gradcheck: 3, train: 3, lessons: 3, explain: 4, api: 5 };

/** The app/ folder a file belongs to ('' for app/'s root modules). */
export function appFolderOf(file: string): string {
  const parts = relative(join(root, 'app'), file).split(/[\\/]/);
  return parts.length > 1 ? parts[0] : '';
}

export function appLayerViolation(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = resolve(file, '..', spec);
  if (!target.startsWith(join(root, 'app'))) return undefined;
  const from = appFolderOf(file);
  const to = appFolderOf(target);
  const fromRank = APP_RANKS[from];
  const toRank = APP_RANKS[to];
  if (fromRank === undefined || toRank === undefined) return `app/${from || to}/ has no place in APP_RANKS`;
  if (from === to || toRank < fromRank) return undefined;
  return `${relative(root, file)} imports ${spec}: app/${from}/ may not import from app/${to}/`;
}

/** Resolves a relative import to a source file, as the bundler would. */
function resolveImport(file: string, spec: string): string | undefined {
  const base = resolve(file, '..', spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

/** Every import cycle among the given files (type-only imports count: they couple the modules too). */
export function findImportCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Test helpers (x.test-helpers.ts) are test code: like tests, they may reach across layers. */
const appSources = () => sourceFiles(join(root, 'app')).filter((file) => !file.endsWith('.test-helpers.ts'));

const nodeOrElectron = /^(node:|electron$|fs$|path$|os$|child_process$|worker_threads$|ws$)/;

describe('layer rule', () => {
  it('app/ imports nothing from main/ or renderer/, nor Node, DOM or Electron modules', () => {
    const bad = appSources().flatMap((file) =>
      importsOf(file)
        .filter((spec) => nodeOrElectron.test(spec) || /^react/.test(spec) || ['main', 'renderer'].includes(layerOf(file, spec) ?? ''))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('renderer/ imports only app/ and browser packages', () => {
    const bad = sourceFiles(join(root, 'renderer')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => nodeOrElectron.test(spec) || ['main', 'scripts', 'e2e'].includes(layerOf(file, spec) ?? ''))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  it('the preload imports only electron, types and files that import nothing at run time (bundled in)', () => {
    const preload = join(root, 'main/electron/preload.ts');
    let text = '';
    try {
      text = readFileSync(preload, 'utf8');
    } catch {
      return;
    }
    const valueImports = (source: string) => [...source.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    const bad = valueImports(text).filter((spec) => {
      if (spec === 'electron') return false;
      if (!spec.startsWith('.')) return true;
      const target = resolveImport(preload, spec);
      return !target || valueImports(readFileSync(target, 'utf8')).length > 0;
    });
    expect(bad).toEqual([]);
  });

  it('inside app/, every import points down the layers: tensor < ops < graph < gradcheck, train < explain < api', () => {
    const bad = appSources().flatMap((file) => importsOf(file).flatMap((spec) => appLayerViolation(file, spec) ?? []));
    expect(bad).toEqual([]);
  });

  it('app/ has no import cycle', () => {
    const graph = new Map<string, string[]>();
    for (const file of appSources()) {
      graph.set(file, importsOf(file).flatMap((spec) => (spec.startsWith('.') ? (resolveImport(file, spec) ?? []) : [])));
    }
    const cycles = findImportCycles(graph).map((cycle) => cycle.map((f) => relative(root, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('the app/ checks themselves can fail: an upward import, an unplaced folder, a cycle', () => {
    const tensorFile = join(root, 'app/tensor/backend.ts');
    expect(appLayerViolation(tensorFile, '../train/mlp-kernel')).toBe('app/tensor/backend.ts imports ../train/mlp-kernel: app/tensor/ may not import from app/train/');
    expect(appLayerViolation(join(root, 'app/train/x.ts'), '../gradcheck/y')).toMatch(/may not import from app\/gradcheck/);
    expect(appLayerViolation(join(root, 'app/api/x.ts'), '../tensor/tensor')).toBeUndefined();
    expect(appLayerViolation(join(root, 'app/ops/x.ts'), '../limits')).toBeUndefined();
    expect(appLayerViolation(join(root, 'app/limits.ts'), './ops/op')).toMatch(/may not import/);
    expect(appLayerViolation(join(root, 'app/newthing/x.ts'), '../tensor/tensor')).toBe('app/newthing/ has no place in APP_RANKS');
    const ring = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findImportCycles(ring)).toEqual([['a', 'b', 'c']]);
    expect(findImportCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('catches a forbidden import (the check itself can fail)', () => {
    const fake = join(root, 'app/x.ts');
    expect(layerOf(fake, '../main/paths')).toBe('main');
    expect(nodeOrElectron.test('node:fs')).toBe(true);
  });
});
