import { openExample } from './canvas-helpers';
import { expect, test } from './fixtures';

// The toolbar keeps every command on one row from a laptop's 1280 px up, in both languages, and the
// open graph's name is shown whole. The secondary commands are icons named by their tooltip and label.

const commands = ['file-new', 'file-open', 'file-save', 'file-save-as', 'examples-menu', 'undo', 'redo', 'step-forward', 'step-backward', 'run-forward', 'run-backward', 'reset', 'gradcheck-button', 'lessons-button', 'help-button', 'language-select'];

for (const language of ['en', 'zh-CN'] as const) {
  for (const width of [1280, 1400, 1920]) {
    test.describe(`${language} at ${width} px`, () => {
      test.use({ uiLanguage: language, viewport: { width, height: 720 } });
      test('every command on one row, and the graph’s name whole', async ({ page }) => {
        await openExample(page, '09-two-layer-net.json');
        await expect(page.getByTestId('document-title')).toHaveText(language === 'en' ? 'Two-layer net on MNIST (784-50-10)' : /两层神经网络/);
        const rows = await page.locator('.toolbar').evaluate((bar, ids) => {
          const tops = ids.map((id) => {
            const el = bar.querySelector(`[data-testid="${id}"]`);
            if (!el) return `${id}: missing`;
            const r = el.getBoundingClientRect();
            return r.width > 0 ? Math.round(r.top + r.height / 2) : `${id}: hidden`;
          });
          return { centres: [...new Set(tops)], height: bar.getBoundingClientRect().height };
        }, commands);
        expect(rows.centres, 'the commands’ vertical centres: one value when they share a row').toHaveLength(1);
        expect(rows.height).toBeLessThan(48);
        const title = page.getByTestId('document-title');
        expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth), 'the name is not cut off').toBe(true);
      });
    });
  }
}

test('the icon commands are named by their label and show their shortcut', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Save As', exact: true })).toHaveAttribute('title', 'Save As (Ctrl+Shift+S)');
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute('title', 'Undo (Ctrl+Z)');
  await expect(page.getByRole('button', { name: 'Reset', exact: true })).toHaveAttribute('title', 'Reset (Esc)');
  // The shortcut still works with the command shown as an icon.
  await openExample(page, '01-apple.json');
  await page.getByTestId('run-forward').click();
  await expect(page.getByTestId('edge-value-e1')).not.toHaveText('');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('edge-value-e1')).toHaveText('');
});
