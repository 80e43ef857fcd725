import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages';

// The catalogs are complete (every key in every language, the same {{placeholders}}) and lean (every
// key is used by some code, every literal key the code asks for exists).
const root = resolve(__dirname, '../..');
const localesDir = join(__dirname, 'locales');

type Catalog = Record<string, unknown>;

function flatten(catalog: Catalog, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value as Catalog, path)) out.set(k, v);
    } else out.set(path, String(value));
  }
  return out;
}

function namespaces(language: string): string[] {
  return readdirSync(join(localesDir, language)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
}

function load(language: string, namespace: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(localesDir, language, `${namespace}.json`), 'utf8')) as Catalog);
}

/** Keys of every namespace, as "ns:key", with i18next's plural suffixes removed. */
function allKeys(language: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const ns of namespaces(language)) for (const [k, v] of load(language, ns)) out.set(`${ns}:${k}`, v);
  return out;
}

const stripPlural = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'locales') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|json)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = ['app', 'renderer', 'main', 'assets/lessons']
  .flatMap((dir) => {
    try {
      return sourceFiles(join(root, dir));
    } catch {
      return [];
    }
  })
  .map((file) => ({ file, text: readFileSync(file, 'utf8') }));

/** Every quoted string in the sources, and the static start of every template literal. */
function literals(): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const { text } of sources) {
    for (const m of text.matchAll(/'([^'\n]+)'|"([^"\n]+)"/g)) exact.add(m[1] ?? m[2]);
    for (const m of text.matchAll(/`([^`$]*)\$\{/g)) if (m[1].length > 2) prefixes.push(m[1]);
  }
  return { exact, prefixes };
}

describe('i18n catalogs', () => {
  const en = allKeys('en');

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every namespace and key of en, and no other', (language) => {
    expect(namespaces(language).sort()).toEqual(namespaces('en').sort());
    const other = allKeys(language);
    expect([...en.keys()].filter((k) => !other.has(k))).toEqual([]);
    expect([...other.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty text and the same {{placeholders}} as en', (language) => {
    const catalog = allKeys(language);
    expect([...catalog].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const mismatched = [...catalog].filter(([k, v]) => en.has(k) && placeholders(v).join() !== placeholders(en.get(k)!).join());
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('every key is used by some code (a literal key, or a template literal that builds it)', () => {
    const { exact, prefixes } = literals();
    const unused = [...en.keys()].filter((full) => {
      const [ns, key] = full.split(/:(.*)/s);
      const bare = stripPlural(key);
      if (exact.has(bare) || exact.has(`${ns}:${bare}`)) return false;
      return !prefixes.some((p) => bare.startsWith(p) || `${ns}:${bare}`.startsWith(p));
    });
    expect(unused).toEqual([]);
  });

  it('every literal key the code translates exists in the catalogs', () => {
    const known = new Set([...en.keys()].map(stripPlural));
    const bareKnown = new Set([...known].map((k) => k.split(/:(.*)/s)[1]));
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const m of text.matchAll(/\b(?:t|i18next\.t|i18n\.t)\(\s*['"]([^'"\n]+)['"]|i18nKey=["']([^"']+)["']/g)) {
        const key = m[1] ?? m[2];
        if (!(key.includes(':') ? known.has(key) : bareKnown.has(key))) missing.push(`${relative(root, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
