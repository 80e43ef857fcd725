import { dropFromPalette } from './canvas-helpers';
import { expect, test } from './fixtures';

// A compile problem reads in the UI language on the node and in the inspector (the errors catalog).
test.describe('problems in Chinese', () => {
  test.use({ uiLanguage: 'zh-CN' });

  test('an unconnected Mul says so in Chinese on its node', async ({ page }) => {
    const id = await dropFromPalette(page, 'Mul', { x: 300, y: 200 });
    const node = page.getByTestId(`node-${id}`);
    await expect(node).toContainText('输入 x 没有连接');
    await node.click();
    await expect(page.getByTestId('inspector')).toContainText('输入 y 没有连接');
    await page.screenshot({ path: test.info().outputPath('problem-zh-CN.png') });
  });
});
