import { readFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, expect, it, vi } from 'vitest';
import { freshDirPerTest } from './temp-dir.test-helpers';

// The real file system, with every fsync and rename written down in order: the folder must be
// synced after the rename, or a power cut can lose the rename though the data was synced.
const log: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (path, ...rest) => {
    const handle = await fs.open(path, ...rest);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      log.push(`sync ${String(path)}`);
      return sync();
    };
    return handle;
  };
  const rename: typeof fs.rename = async (from, to) => {
    log.push(`rename ${String(from)} -> ${String(to)}`);
    return fs.rename(from, to);
  };
  return { ...fs, open, rename, default: { ...fs, open, rename } };
});

const dir = freshDirPerTest('bpstudio-sync-');
beforeEach(() => {
  log.length = 0;
});

it('syncs the temp file, renames it over the target, then syncs the folder', async () => {
  const { saveTextAtomically } = await import('./files');
  const path = join(dir(), 'graph.json');
  await saveTextAtomically(path, '{}');
  expect(readFileSync(path, 'utf8')).toBe('{}');
  const temp = /^sync (.+\.tmp)$/.exec(log[0] ?? '')?.[1];
  expect(temp).toMatch(/\/\.graph\.json\..+\.tmp$/);
  expect(log).toEqual([`sync ${temp}`, `rename ${temp} -> ${path}`, `sync ${dir()}`]);
});
