import { expect, test } from './fixtures';
import { openLesson, perform, type Move } from './lesson-helpers';
import { keepScreenshot } from './screenshots';

// A screenshot of each lesson in each language, mid-lesson with a task just done (written into
// docs/lessons/ with BPSTUDIO_DOCS=1).

/** For each lesson: what to do so the picture shows a step with its check passed. */
const scenes: Record<string, readonly Move[]> = {
  '5.1': ['run-forward', 'next', { answer: '220' }],
  '5.2': [{ answer: '10' }, 'next', 'run-backward'],
  '5.3': [{ answer: '1.3' }, 'next', 'run-backward'],
  '5.4': ['run-forward', 'next', { answer: '3.3' }, 'run-backward'],
  '5.5': [{ answer: '0' }, 'next', 'run-backward', 'next', 'run-backward', 'next', { answer: '0.197' }],
  '5.6': [{ answer: '5' }, 'next', 'run-backward'],
  '5.7': ['run-forward', 'next', { answer: '39200' }],
};

for (const language of ['en', 'zh-CN'] as const) {
  test.describe(`lessons in ${language}`, () => {
    test.use({ uiLanguage: language });
    for (const [id, scene] of Object.entries(scenes)) {
      test(`docs/lessons/${id}-${language}.png`, async ({ page }) => {
        await page.setViewportSize({ width: 1500, height: 900 });
        await openLesson(page, id);
        await perform(page, scene);
        await expect(page.getByTestId('lesson-feedback')).toHaveAttribute('data-correct', 'true');
        // Let KaTeX and the view's fit settle.
        await page.waitForTimeout(300);
        await keepScreenshot(page, `lessons/${id}-${language}.png`);
      });
    }
  });
}
