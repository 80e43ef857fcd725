import { openLesson } from './lesson-helpers';
import { expect, test } from './fixtures';

// With a lesson open at a laptop's 1280×720 (and at the size the window opens), the graph, the
// lesson's Back/Next and the step timeline are all in view, in both languages (every lesson, every
// step: lesson-fit.spec.ts).

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

for (const language of ['en', 'zh-CN'] as const) {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 1400, height: 860 },
  ]) {
    test.describe(`a lesson at ${size.width}×${size.height} in ${language}`, () => {
      test.use({ uiLanguage: language, viewport: size });
      test('shows the whole graph clear of the step timeline, and Back and Next', async ({ page }) => {
        await openLesson(page, '5.4');
        const canvas = (await page.getByTestId('canvas').boundingBox())!;
        const nodes = page.locator('.react-flow__node');
        await expect(nodes.first()).toBeVisible();
        await expect
          .poll(async () => {
            const boxes = await nodes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number }));
            return boxes.filter((b) => !inside(b, canvas)).length;
          }, { message: 'every node of the lesson’s graph lies inside the visible canvas' })
          .toBe(0);
        for (const id of ['lesson-prev', 'lesson-next']) {
          const button = page.getByTestId(id);
          await expect(button).toBeInViewport({ ratio: 1 });
        }
        // The minimap gives its corner to the lesson's graph and the timeline while a lesson is open.
        await expect(page.locator('.react-flow__minimap')).toBeHidden();
        const timeline = page.getByTestId('step-timeline');
        const nodeBoxes = await nodes.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as Box));
        const timelineBox = await timeline.boundingBox();
        if (timelineBox) expect(nodeBoxes.filter((b) => overlap(b, timelineBox)).length).toBe(0);
        // The status bar stays at the foot of the window.
        const status = (await page.locator('.status-bar').boundingBox())!;
        expect(status.y + status.height).toBeGreaterThan(size.height - 2);
        await page.screenshot({ path: test.info().outputPath(`lesson-5.4-${language}-${size.width}x${size.height}.png`) });
      });
    });
  }
}

test('the palette and the inspector fold away while a lesson is open, unfold on a click, and come back when it closes', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLesson(page, '5.1');
  await expect(page.getByTestId('palette-search')).toHaveCount(0);
  await expect(page.getByTestId('tab-inspector')).toBeHidden();
  await page.getByTestId('sidebar-unfold').click();
  await expect(page.getByTestId('tab-inspector')).toBeVisible();
  await page.getByTestId('node-mul_tax').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  await page.getByTestId('palette-unfold').click();
  await expect(page.getByTestId('palette-search')).toBeVisible();
  await expect(page.getByTestId('lesson-next')).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: test.info().outputPath('lesson-5.1-unfolded-1280x720.png') });
  await page.getByTestId('sidebar-fold').click();
  await page.getByTestId('palette-fold').click();
  await expect(page.getByTestId('tab-inspector')).toBeHidden();
  await expect(page.getByTestId('palette-search')).toHaveCount(0);
  await page.getByTestId('lessons-button').click();
  await expect(page.getByTestId('lessons-panel')).toBeHidden();
  await expect(page.getByTestId('palette-search')).toBeVisible();
  await expect(page.getByTestId('tab-inspector')).toBeVisible();
});
