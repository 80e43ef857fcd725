import { describe, expect, it } from 'vitest';
import { CodedError, messageWithCode } from '../../app/i18n/messages';
import { initI18n } from '../i18n';
import { messageText } from './message-text';

const i18n = initI18n('en');
const en = i18n.getFixedT('en');
const zh = i18n.getFixedT('zh-CN');

describe('messageText', () => {
  it('says a coded error in the page language, the file-system reason included', () => {
    const error = new CodedError('save_failed', { path: '/tmp/a.json', reason: 'the disk is full', reasonCode: 'fs_disk_full' });
    expect(messageText(en, error)).toBe('cannot save /tmp/a.json: the disk is full');
    expect(messageText(zh, error)).toBe('无法保存 /tmp/a.json：磁盘已满');
    // The same through Electron's IPC, where only the message travels.
    expect(messageText(zh, new Error(messageWithCode(error)))).toBe('无法保存 /tmp/a.json：磁盘已满');
  });

  it('translates a training event\'s message, and leaves an uncoded sentence as it came', () => {
    const diverged = { message: 'training diverged…', code: 'training_diverged' as const, params: { iteration: '12', loss: 'NaN' } };
    expect(messageText(zh, diverged)).toBe('训练在第 12 次迭代时发散了（损失函数的值 = NaN）；请试试更小的学习率');
    expect(messageText(zh, new Error('something only English knows'))).toBe('something only English knows');
    expect(messageText(zh, { message: 'an event without a code' })).toBe('an event without a code');
  });
});
