import { describe, expect, it } from 'vitest';
import { parseGraphDocument } from '../../app/graph/parse';
import { initI18n } from '../i18n';
import { messageText } from './message-text';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const graph = (changes: Record<string, unknown>) =>
  JSON.stringify({
    format: 'backprop-studio-graph',
    version: 1,
    name: 'apple',
    nodes: [
      { id: 'apple', kind: 'Scalar', position: { x: 0, y: 0 }, params: { value: 100 } },
      { id: 'W1', kind: 'Parameter', position: { x: 0, y: 100 }, params: { rows: 2, cols: 2 } },
    ],
    edges: [],
    ...changes,
  });

/** What opening the file says, one sentence a line, in each language. */
function said(text: string): { en: string[]; zh: string[] } {
  const result = parseGraphDocument(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return { en: result.said.map((m) => messageText(en, m)), zh: result.said.map((m) => messageText(zh, m)) };
}

describe('a malformed graph file says what is wrong, in the learner’s words and language', () => {
  it('a field of the wrong type: which node, which field, what belongs there', () => {
    const text = graph({ nodes: [{ id: 'apple', kind: 'Scalar', position: { x: '0', y: 0 }, params: { value: 100 } }] });
    expect(said(text)).toEqual({
      en: ['the x coordinate of node apple should be a number, but the file has the text "0"'],
      zh: ['节点“apple”的 x 坐标应当是一个数，但文件里是文字 "0"'],
    });
  });

  it('a missing field, on a node without an id too', () => {
    const text = graph({ nodes: [{ id: 'apple', kind: 'Scalar', params: {} }, { kind: 'Mul', position: { x: 0, y: 0 }, params: {} }] });
    expect(said(text)).toEqual({
      en: ['the position of node apple ("position") is missing: it should be an object like { "x": 0, "y": 0 }', 'the id of node no. 2 is missing: it should be text in quotes'],
      zh: ['缺少节点“apple”的位置（"position"）：它应当是形如 { "x": 0, "y": 0 } 的对象', '缺少第 2 个节点的 id：它应当是带引号的文字'],
    });
  });

  it('a bad stored tensor: its number type and a negative size', () => {
    const text = graph({ tensors: { W1: { shape: [2, -1], dtype: 'float64', data: '' } } });
    expect(said(text)).toEqual({
      en: [
        'size 2 in the shape of the stored tensor of node W1 should be at least 0, but the file has the number -1',
        'the number type of the stored tensor of node W1 ("dtype") should be "float32", but the file has the text "float64"',
      ],
      zh: ['节点“W1”保存的张量的形状中的第 2 个数至少应为 0，但文件里是数 -1', '节点“W1”保存的张量的数值类型（"dtype"）应当是"float32"，但文件里是文字 "float64"'],
    });
  });

  it('a parameter that is no value a node can hold, and an edge without its target', () => {
    const text = graph({
      nodes: [{ id: 'apple', kind: 'Scalar', position: { x: 0, y: 0 }, params: { value: { price: 100 } } }],
      edges: [{ id: 'e1', source: 'apple', sourceHandle: 'out', targetHandle: 'x' }],
    });
    expect(said(text).zh).toEqual([
      '节点“apple”的参数 "value"应当是数、文字、true 或 false、null、由数组成的列表（向量），或由数的行组成的列表（矩阵），但文件里是一个对象',
      '缺少边“e1”的终点节点（"target"）：它应当是带引号的文字',
    ]);
    expect(said(text).en[1]).toBe('the node edge e1 goes into ("target") is missing: it should be text in quotes');
  });

  it('text that is not JSON, by line and column; a bad version in words', () => {
    expect(said('{\n  "format": "backprop-studio-graph",\n  "version": 1,\n}').zh).toEqual(['这个文件不是有效的 JSON：第 4 行第 1 列有错误']);
    expect(said('{"format": "backprop-studio-graph", "nodes": [').zh).toEqual(['这个文件不是有效的 JSON：文件提前结束了（有括号或引号没有闭合）']);
    expect(said(graph({ version: 'one' }))).toEqual({
      en: ['the file\'s version ("version") should be a whole number from 0 to 1, but the file has the text "one"'],
      zh: ['文件的版本号（"version"）应当是 0 到 1 之间的整数，但文件里是文字 "one"'],
    });
  });

  it('no schema path and no English in the Chinese', () => {
    const text = graph({ nodes: 'many', edges: [{ id: 7 }] });
    for (const line of said(text).zh) {
      expect(line).not.toMatch(/nodes\[|\bexpected\b|\bgot\b|Invalid input/);
    }
  });
});
