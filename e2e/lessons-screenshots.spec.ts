import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, packageRoot, test } from './fixtures';
import { answer, next, openLesson, press } from './lesson-helpers';

// A screenshot of each lesson in each language, mid-lesson with a task just done. Attached to the
// report; with BPSTUDIO_DOCS=1 also written into docs/lessons/ (ordinary runs leave the tree alone).
const writeDocs = process.env.BPSTUDIO_DOCS === '1';

/** For each lesson: what to do so the picture shows a step with its check passed. */
const scenes: Record<string, (page: Page) => Promise<void>> = {
  '5.1': async (page) => {
    await press(page, 'run-forward');
    await next(page);
    await answer(page, '220');
  },
  '5.2': async (page) => {
    await answer(page, '10');
    await next(page);
    await press(page, 'run-backward');
  },
  '5.3': async (page) => {
    await answer(page, '1.3');
    await next(page);
    await press(page, 'run-backward');
  },
  '5.4': async (page) => {
    await press(page, 'run-forward');
    await next(page);
    await answer(page, '3.3');
    await press(page, 'run-backward');
  },
  '5.5': async (page) => {
    await answer(page, '0');
    await next(page);
    await press(page, 'run-backward');
    await next(page);
    await press(page, 'run-backward');
    await next(page);
    await answer(page, '0.197');
  },
  '5.6': async (page) => {
    await answer(page, '5');
    await next(page);
    await press(page, 'run-backward');
  },
  '5.7': async (page) => {
    await press(page, 'run-forward');
    await next(page);
    await answer(page, '39200');
  },
};

for (const language of ['en', 'zh-CN'] as const) {
  test.describe(`lessons in ${language}`, () => {
    test.use({ uiLanguage: language });
    for (const [id, scene] of Object.entries(scenes)) {
      test(`docs/lessons/${id}-${language}.png`, async ({ page }) => {
        await page.setViewportSize({ width: 1500, height: 900 });
        await openLesson(page, id);
        await scene(page);
        await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');
        // Let KaTeX and the view's fit settle.
        await page.waitForTimeout(300);
        const name = `${id}-${language}.png`;
        const body = await page.screenshot();
        await test.info().attach(name, { body, contentType: 'image/png' });
        if (writeDocs) {
          mkdirSync(join(packageRoot, 'docs', 'lessons'), { recursive: true });
          await page.screenshot({ path: join(packageRoot, 'docs', 'lessons', name) });
        }
      });
    }
  });
}
