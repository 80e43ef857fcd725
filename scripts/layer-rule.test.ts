import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layer rule (docs/architecture.md), checked on every import: app/ imports nothing from the other layers and no
// Node, DOM or Electron module; renderer/ imports only app/ (and browser packages); the preload only
// electron and types.
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

const nodeOrElectron = /^(node:|electron$|fs$|path$|os$|child_process$|worker_threads$|ws$)/;

describe('layer rule', () => {
  it('app/ imports nothing from main/ or renderer/, nor Node, DOM or Electron modules', () => {
    const bad = sourceFiles(join(root, 'app')).flatMap((file) =>
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

  it('the preload imports only electron and types', () => {
    const preload = join(root, 'main/electron/preload.ts');
    let text = '';
    try {
      text = readFileSync(preload, 'utf8');
    } catch {
      return;
    }
    const values = [...text.matchAll(/^import\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(values.filter((spec) => spec !== 'electron')).toEqual([]);
  });

  it('catches a forbidden import (the check itself can fail)', () => {
    const fake = join(root, 'app/x.ts');
    expect(layerOf(fake, '../main/paths')).toBe('main');
    expect(nodeOrElectron.test('node:fs')).toBe(true);
  });
});
