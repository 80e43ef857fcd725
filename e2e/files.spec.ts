import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edgeValue, errorMessage, nodeIds, openExample, openFileThroughInput } from './canvas-helpers';
import { examplesDir, expect, test } from './fixtures';

interface Doc {
  name: string;
  nodes: { id: string; kind: string; params: Record<string, unknown>; position: { x: number; y: number } }[];
  edges: { id: string; source: string; sourceHandle: string; target: string; targetHandle: string }[];
}

const readDoc = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Doc;
const essentials = (doc: Doc) => ({
  nodes: doc.nodes.map(({ id, kind, params }) => ({ id, kind, params })).sort((a, b) => a.id.localeCompare(b.id)),
  edges: doc.edges.map(({ source, sourceHandle, target, targetHandle }) => `${source}.${sourceHandle}->${target}.${targetHandle}`).sort(),
});

test('save writes the graph into the workspace, and reopening it gives the same graph and numbers', async ({ page, workspace, mode }) => {
  const example = readDoc(join(examplesDir, '01-apple.json'));
  const savedPath = join(workspace, `${example.name}.json`);
  rmSync(savedPath, { force: true });

  await openExample(page, '01-apple.json');
  await expect.poll(() => nodeIds(page)).toHaveLength(example.nodes.length);
  await page.getByTestId('file-save').click();
  // A new document (an example is one) gets its name in the Save As dialog, which says where it goes.
  if (mode === 'browser') {
    await expect(page.getByTestId('save-as-dialog')).toBeVisible();
    await expect(page.getByTestId('save-as-folder')).toHaveText(workspace);
    await expect(page.getByTestId('save-as-name')).toHaveValue(`${example.name}.json`);
    await page.getByTestId('save-as-confirm').click();
    await expect(page.getByTestId('save-as-dialog')).toHaveCount(0);
  }
  await expect.poll(() => existsSync(savedPath), { message: `${savedPath} should be written` }).toBe(true);
  await expect(page.getByTestId('document-title')).not.toContainText('•');
  await expect(page.getByTestId('status-bar')).toHaveText(`Saved ${example.name}.json in ${workspace}`);

  const saved = readDoc(savedPath);
  expect(saved.name).toBe(example.name);
  expect(essentials(saved)).toEqual(essentials(example));

  await page.getByTestId('file-new').click();
  await expect.poll(() => nodeIds(page)).toEqual([]);

  await openFileThroughInput(page, savedPath);
  await expect.poll(() => nodeIds(page)).toEqual(example.nodes.map((n) => n.id).sort());
  await page.getByTestId('run-forward').click();
  await expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('220');
  await expect(errorMessage(page)).toHaveCount(0);
});

test('browser-mode Save As lists the workspace, asks before replacing a file, and says where it saved', async ({ page, workspace, mode }) => {
  test.skip(mode !== 'browser', 'Electron shows the system Save dialog instead');
  const taken = join(workspace, 'taken.json');
  writeFileSync(taken, '{"keep": "me"}');
  rmSync(join(workspace, 'fresh name.json'), { force: true });
  await openExample(page, '03-add-node.json');
  await expect.poll(() => nodeIds(page)).not.toHaveLength(0);

  await page.getByTestId('file-save-as').click();
  const dialog = page.getByTestId('save-as-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('save-as-file-taken.json')).toBeVisible();
  // The app's shortcuts do not act behind the dialog: select all + Delete leave the graph alone.
  const nodesBefore = await nodeIds(page);
  await page.getByTestId('save-as-file-taken.json').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  expect(await nodeIds(page)).toEqual(nodesBefore);
  // A name that exists: the dialog asks, and "keep it" leaves the file alone.
  await page.getByTestId('save-as-name').fill('taken');
  await page.getByTestId('save-as-confirm').click();
  await expect(page.getByTestId('save-as-overwrite')).toContainText('taken.json already exists in this folder');
  await page.getByTestId('save-as-overwrite-cancel').click();
  expect(readFileSync(taken, 'utf8')).toBe('{"keep": "me"}');
  await page.getByTestId('save-as-name').fill('../escape');
  await expect(page.getByTestId('save-as-confirm')).toBeDisabled();
  await page.getByTestId('save-as-name').fill('fresh name');
  await page.getByTestId('save-as-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => existsSync(join(workspace, 'fresh name.json'))).toBe(true);
  await expect(page.getByTestId('status-bar')).toHaveText(`Saved fresh name.json in ${workspace}`);

  // Save As again onto the taken name, this time replacing it.
  await page.getByTestId('file-save-as').click();
  await page.getByTestId('save-as-file-taken.json').click();
  await expect(page.getByTestId('save-as-name')).toHaveValue('taken.json');
  await page.getByTestId('save-as-confirm').click();
  await page.getByTestId('save-as-overwrite-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => readFileSync(taken, 'utf8')).toContain('"nodes"');
  await expect(page.getByTestId('status-bar')).toHaveText(`Saved taken.json in ${workspace}`);
  await expect(page.getByTestId('document-title')).not.toContainText('•');

  // Save of a file that has a path writes it without asking.
  await page.getByTestId('file-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('status-bar')).toHaveText(`Saved taken.json in ${workspace}`);
});

const BROKEN_FILES = [
  { name: 'not-json.json', text: '{ "format": "backprop-studio-graph", ', message: /JSON/i },
  {
    name: 'wrong-shape.json',
    text: JSON.stringify({ format: 'backprop-studio-graph', version: 1, name: 'x', nodes: 'many', edges: [] }),
    message: 'The file wrong-shape.json could not be opened: the list of nodes ("nodes") should be a list [ … ], but the file has the text "many".',
  },
  {
    name: 'dangling-edge.json',
    text: JSON.stringify({
      format: 'backprop-studio-graph',
      version: 1,
      name: 'x',
      nodes: [{ id: 'a', kind: 'Scalar', position: { x: 0, y: 0 }, params: { value: 1 } }],
      edges: [{ id: 'e1', source: 'a', sourceHandle: 'out', target: 'ghost', targetHandle: 'x' }],
    }),
    message: /node ghost, which does not exist/,
  },
  { name: 'newer.json', text: JSON.stringify({ format: 'backprop-studio-graph', version: 99, name: 'x', nodes: [], edges: [] }), message: /newer version of Backprop Studio/ },
];

for (const broken of BROKEN_FILES) {
  // (A file naming an unknown kind is not broken: it opens, with the error on that node.)
  test(`opening a broken file (${broken.name}) shows its message and leaves the canvas as it was`, async ({ page }) => {
    await openExample(page, '01-apple.json');
    await expect.poll(() => nodeIds(page)).toHaveLength(6);
    await page.getByTestId('run-forward').click();
    await expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('220');
    const before = await nodeIds(page);
    const title = await page.getByTestId('document-title').textContent();

    await openFileThroughInput(page, { name: broken.name, mimeType: 'application/json', buffer: Buffer.from(broken.text) });
    await expect(errorMessage(page)).toHaveText(broken.message);
    expect(await nodeIds(page)).toEqual(before);
    await expect(page.getByTestId('document-title')).toHaveText(title ?? '');
    await expect(edgeValue(page, { node: 'mul_tax', port: 'out' }, { node: 'total', port: 'x' })).toHaveText('220');
  });
}

test.describe('a malformed file in Chinese', () => {
  test.use({ uiLanguage: 'zh-CN' });

  test('says in Chinese which node and field are wrong and what belongs there, and leaves the canvas as it was', async ({ page }) => {
    await openExample(page, '01-apple.json');
    await expect.poll(() => nodeIds(page)).toHaveLength(6);
    const before = await nodeIds(page);
    const malformed = {
      format: 'backprop-studio-graph',
      version: 1,
      name: 'x',
      nodes: [
        { id: 'apple', kind: 'Scalar', position: { x: '0', y: 0 }, params: { value: 100 } },
        { id: 'W1', kind: 'Parameter', params: { rows: 2, cols: 2 } },
      ],
      edges: [],
      tensors: { W1: { shape: [2, 2], dtype: 'float64', data: '' } },
    };
    await openFileThroughInput(page, { name: 'malformed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(malformed)) });
    await expect(errorMessage(page)).toHaveText(
      [
        '无法打开文件 malformed.json：节点“apple”的 x 坐标应当是一个数，但文件里是文字 "0"',
        '缺少节点“W1”的位置（"position"）：它应当是形如 { "x": 0, "y": 0 } 的对象',
        '节点“W1”保存的张量的数值类型（"dtype"）应当是"float32"，但文件里是文字 "float64"。',
      ].join('\n'),
    );
    await expect(errorMessage(page)).not.toContainText(/nodes\[|expected|Invalid/);
    expect(await nodeIds(page)).toEqual(before);
    await page.screenshot({ path: test.info().outputPath('malformed-file-zh-CN.png') });
  });
});
