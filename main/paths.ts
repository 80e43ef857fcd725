import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the folder holding package.json), found from this file's place in src or dist. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'assets'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the Backprop Studio package root');
    dir = up;
  }
}

export const examplesDir = (): string => join(packageRoot(), 'assets', 'examples');
export const distDir = (): string => join(packageRoot(), 'dist');
