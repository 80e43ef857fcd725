import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../app/api/contract';
import { messageText } from '../format/message-text';
import { initI18n } from '../i18n';
import { trainingRefusal } from './training-refusal';
import { createTrainingSession } from './training-session';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

const net = JSON.parse(readFileSync(join(__dirname, '../../assets/examples/09-two-layer-net.json'), 'utf8'));
const cut = JSON.stringify({ ...net, edges: net.edges.filter((e: { target: string; targetHandle: string }) => !(e.target === 'loss' && e.targetHandle === 't')) });

describe('training the canvas graph: refused before a run starts, in the page’s language', () => {
  it('names the first problem as the problems list does', () => {
    const refusal = trainingRefusal(cut)!;
    expect(messageText(en, refusal)).toBe('the graph cannot be trained: Softmax-with-Loss node loss: input t is not connected');
    expect(messageText(zh, refusal)).toBe('这个计算图无法训练：Softmax-with-Loss节点 loss：输入 t 没有连接');
  });

  it('says how many problems there are when there are more', () => {
    const two = JSON.stringify({ ...net, edges: net.edges.filter((e: { target: string }) => e.target !== 'loss') });
    expect(messageText(zh, trainingRefusal(two)!)).toBe('这个计算图无法训练：Softmax-with-Loss节点 loss：输入 x 没有连接（共有 2 个问题）');
  });

  it('lets the chapter’s net through', () => {
    expect(trainingRefusal(JSON.stringify(net))).toBeNull();
  });

  it('the session shows the refusal and asks the host for nothing', async () => {
    const asked: string[] = [];
    const api = new Proxy({}, { get: (_, name) => (name === 'onTrainingEvent' ? () => () => {} : () => (asked.push(String(name)), Promise.resolve({ runId: 1 }))) }) as Api;
    const session = createTrainingSession(api);
    await session.getState().start(cut);
    expect(asked).toEqual([]);
    expect(session.getState().current.state).toBe('failed');
    expect(messageText(zh, session.getState().current.message)).toBe('这个计算图无法训练：Softmax-with-Loss节点 loss：输入 t 没有连接');
  });
});
