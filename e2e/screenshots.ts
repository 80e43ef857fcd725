import type { Locator, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot, test } from './fixtures';

/**
 * A screenshot for the docs, always attached to the report; with BPSTUDIO_DOCS=1 also written to
 * docs/<name> (e.g. "explain/gradcheck.png"). Ordinary runs, `npm test` among them, leave the tree alone.
 */
export async function keepScreenshot(target: Page | Locator, name: string): Promise<void> {
  const body = await target.screenshot();
  await test.info().attach(name, { body, contentType: 'image/png' });
  if (process.env.BPSTUDIO_DOCS === '1') {
    const path = join(packageRoot, 'docs', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, body);
  }
}
