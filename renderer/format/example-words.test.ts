import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enExamples from '../../app/i18n/locales/en/examples.json';
import enToolbar from '../../app/i18n/locales/en/toolbar.json';
import { initI18n } from '../i18n';
import { documentName } from './document-name';
import { exampleLabel, exampleName } from './example-words';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const examplesDir = join(__dirname, '../../assets/examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ stem: file.replace(/\.json$/, ''), doc: JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { name: string; nodes: { id: string; label?: string }[] } }));

/** Symbols and the chapter's technical names stay as they are in Chinese (the book keeps them too); words need the catalog. */
const hasWords = (label: string) => /[a-z]{3,}/i.test(label.replace(/exp|ReLU|Sigmoid|Softmax-with-Loss|Affine/g, ''));

describe('the shipped examples in the UI language', () => {
  it('the catalog holds each example’s name and its labels as the files say them, and every label made of words', () => {
    const labels = enExamples.labels as Record<string, Record<string, string>>;
    const names = enToolbar.examples as Record<string, { name?: string }>;
    for (const { stem, doc } of examples) {
      expect(names[stem]?.name, stem).toBe(doc.name);
      for (const node of doc.nodes) {
        if (!node.label) continue;
        const catalog = labels[stem]?.[node.id];
        if (catalog === undefined) expect(hasWords(node.label), `${stem} ${node.id} "${node.label}" needs a catalog entry`).toBe(false);
        else expect(catalog, `${stem} ${node.id}`).toBe(node.label);
      }
    }
  });

  it('a page in Chinese shows the examples’ names and node labels in Chinese', () => {
    expect(documentName('Buying apples and oranges', zh)).toBe('买苹果和橘子');
    expect(exampleName(zh, 'Two-layer net on MNIST (784-50-10)')).toBe('MNIST 上的两层神经网络（784-50-10）');
    expect(exampleLabel(zh, 'apple price')).toBe('苹果单价');
    expect(exampleLabel(zh, 'total price')).toBe('支付金额');
    expect(exampleLabel(zh, 'z (upstream 1.3)')).toBe('z（上游传来的导数 1.3）');
    expect(exampleLabel(zh, 'MNIST batch (first 3 training images)')).toBe('MNIST 批数据（训练集前 3 张图像）');
  });

  it('English as the files say it; a name or label the learner typed as typed', () => {
    expect(documentName('Buying apples and oranges', en)).toBe('Buying apples and oranges');
    expect(exampleLabel(en, 'apple price')).toBe('apple price');
    expect(exampleLabel(zh, 'my own node')).toBe('my own node');
    expect(exampleLabel(zh, 'W1')).toBe('W1');
    expect(documentName('My graph', zh)).toBe('My graph');
  });
});
