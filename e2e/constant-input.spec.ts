import { edgeGrad, openExample } from './canvas-helpers';
import { expect, test } from './fixtures';

// A Tensor marked constant in the inspector is given data: its gradient is hidden, and the mark is
// an edit like any other (undo takes it back).

test('the inspector marks a Tensor constant, the canvas hides its gradient, and undo takes it back', async ({ page }) => {
  await openExample(page, '05-relu.json');
  const grad = edgeGrad(page, { node: 'x', port: 'out' }, { node: 'relu', port: 'x' });
  await page.getByTestId('node-x').click();
  const constant = page.getByTestId('param-constant');
  await expect(constant).not.toBeChecked();
  await expect(page.getByTestId('inspector')).toContainText('Constant input (its gradient is not shown)');

  await page.getByTestId('run-backward').click();
  await expect(grad).toContainText('∂');

  await constant.check();
  await expect(constant).toBeChecked();
  await page.getByTestId('run-backward').click();
  await expect(page.getByTestId('status-bar')).toContainText('backward pass is done');
  await expect(grad).toHaveText('');

  await page.getByTestId('undo').click();
  await expect(constant).not.toBeChecked();
  await page.getByTestId('run-backward').click();
  await expect(grad).toContainText('∂');

  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(page.getByTestId('inspector')).toContainText('常量输入（不显示它的梯度）');
  await expect(page.getByTestId('status-bar')).toHaveText('反向传播完成');
});
