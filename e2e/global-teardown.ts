import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname } from 'node:path';

/** Removes the temp workspace playwright.config.ts made (never a folder the caller passed in). */
export default function globalTeardown(): void {
  const dir = process.env.BPSTUDIO_E2E_WORKSPACE;
  if (dir && dirname(dir) === tmpdir() && basename(dir).startsWith('bpstudio-e2e-')) rmSync(dir, { recursive: true, force: true });
}
