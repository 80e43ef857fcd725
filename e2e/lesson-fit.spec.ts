import type { Locator, Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { answer, next, openLesson, press } from './lesson-helpers';
import { expect, packageRoot, test } from './fixtures';

// Every lesson, every step, at a laptop's 1280×720 in both languages: the lesson's graph lies inside
// the canvas with nothing on top of it (the minimap, the step timeline, the zoom buttons), and the
// step's controls (Check, the answer box, Back and Next) are in the window and not covered by anything. The steps are worked through as a learner
// would: a predicted number is typed, a task on the graph is done by running the pass it needs.

interface Task {
  readonly kind: string;
  readonly equals?: number;
  readonly direction?: string;
  readonly quantity?: string;
}
interface LessonFile {
  readonly id: string;
  readonly steps: readonly { readonly task?: Task }[];
}
const lessonsDir = join(packageRoot, 'assets', 'lessons');
const lessons: LessonFile[] = readdirSync(lessonsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(lessonsDir, f), 'utf8')) as LessonFile);

/** What is wrong with an element's place: outside `area`, or covered at its centre or corners by something else. */
async function placement(locator: Locator, area: { x: number; y: number; width: number; height: number }): Promise<string[]> {
  return locator.evaluateAll((els, area) => {
    const wrong: string[] = [];
    for (const el of els) {
      const r = el.getBoundingClientRect();
      const name = el.getAttribute('data-testid') ?? el.className;
      if (r.x < area.x - 1 || r.y < area.y - 1 || r.right > area.x + area.width + 1 || r.bottom > area.y + area.height + 1) {
        wrong.push(`${name} is outside (${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)})`);
        continue;
      }
      const inset = 3;
      const points = [
        [r.x + r.width / 2, r.y + r.height / 2],
        [r.x + inset, r.y + inset],
        [r.right - inset, r.y + inset],
        [r.x + inset, r.bottom - inset],
        [r.right - inset, r.bottom - inset],
      ];
      for (const [x, y] of points) {
        const top = document.elementFromPoint(x, y);
        // Edge labels keep a readable size however far the view zooms out (ValueEdge), so on the
        // chapter's larger graphs they may touch a node: that is the canvas's own drawing, not a cut.
        if (top && top !== el && !el.contains(top) && !top.closest('.edge-labels')) {
          wrong.push(`${name} is covered at (${Math.round(x)},${Math.round(y)}) by ${top.getAttribute('data-testid') ?? top.className}`);
          break;
        }
      }
    }
    return wrong;
  }, area);
}

async function checkStep(page: Page, where: string): Promise<string[]> {
  const viewport = page.viewportSize()!;
  const window = { x: 0, y: 0, ...viewport };
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const controls = page.locator('[data-testid="lesson-check"], [data-testid="lesson-answer-input"], [data-testid="lesson-answer-submit"], [data-testid="lesson-prev"], [data-testid="lesson-next"]');
  const wrong = [...(await placement(page.locator('.react-flow__node'), canvas)), ...(await placement(controls, window))];
  return wrong.map((w) => `${where}: ${w}`);
}

async function doTask(page: Page, task: Task | undefined): Promise<void> {
  if (!task) return;
  if (task.kind === 'answer') await answer(page, String(task.equals));
  else await press(page, task.direction === 'forward' || task.quantity === 'value' ? 'run-forward' : 'run-backward');
  await expect(page.getByTestId('lesson-next')).toBeEnabled();
}

const sizes = process.env.BPSTUDIO_LESSON_SIZES === 'all' ? [{ width: 1280, height: 720 }, { width: 1400, height: 860 }] : [{ width: 1280, height: 720 }];

for (const language of ['en', 'zh-CN'] as const) {
  for (const size of sizes) {
    test.describe(`every lesson at ${size.width}×${size.height} in ${language}`, () => {
      test.use({ uiLanguage: language, viewport: size });
      for (const lesson of lessons) {
        test(`lesson ${lesson.id}: the graph and the step's controls are in view and uncovered`, async ({ page }) => {
          await openLesson(page, lesson.id);
          await expect(page.locator('.react-flow__node').first()).toBeVisible();
          const wrong: string[] = [];
          for (const [i, step] of lesson.steps.entries()) {
            await expect(page.getByTestId('lesson-runner')).toHaveAttribute('data-step', String(i + 1));
            // Let the opening fit and KaTeX settle.
            await page.waitForTimeout(400);
            wrong.push(...(await checkStep(page, `step ${i + 1}`)));
            if (process.env.BPSTUDIO_LESSON_SHOTS) {
              await page.screenshot({ path: join(process.env.BPSTUDIO_LESSON_SHOTS, `${lesson.id}-${language}-${size.width}x${size.height}-step${i + 1}.png`) });
            }
            await doTask(page, step.task);
            if (i < lesson.steps.length - 1) await next(page);
          }
          expect(wrong).toEqual([]);
        });
      }
    });
  }
}
