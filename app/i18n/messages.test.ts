import { describe, expect, it } from 'vitest';
import { CodedError, englishMessage, errorFrom, messageOf, messageWithCode } from './messages';

describe('coded messages', () => {
  it('fills the English sentence from the catalog, the same text the CLI prints', () => {
    const error = new CodedError('save_exists', { name: 'mine.json' });
    expect(error.message).toBe('mine.json already exists in the workspace; choose another name or confirm replacing it');
    expect(englishMessage('training_diverged', { iteration: '12', loss: 'NaN' })).toBe('training diverged at iteration 12 (loss = NaN); try a smaller learning rate');
  });

  it('keeps code and params through the WebSocket (as fields) and through Electron IPC (inside the message)', () => {
    const error = new CodedError('save_read_only', { name: 'a.json' });
    expect(messageOf(error)).toEqual({ message: error.message, code: 'save_read_only', params: { name: 'a.json' } });
    const overWire = errorFrom(JSON.parse(JSON.stringify({ type: 'error', id: 1, ...messageOf(error) })));
    expect(messageOf(overWire)).toEqual(messageOf(error));
    // Only the message crosses Electron's IPC and contextBridge.
    const overIpc = new Error(messageWithCode(error));
    expect(messageOf(overIpc)).toEqual(messageOf(error));
  });

  it('never trusts a code it does not know or params that are not strings', () => {
    expect(messageOf(new Error('plain'))).toEqual({ message: 'plain' });
    expect(messageOf('thrown text')).toEqual({ message: 'thrown text' });
    expect(errorFrom({ message: 'm', code: 'no_such_code', params: {} })).not.toBeInstanceOf(CodedError);
    expect(errorFrom({ message: 'm', code: 'save_exists', params: { name: 5 } })).not.toBeInstanceOf(CodedError);
    expect(messageOf(Object.assign(new Error('m'), { code: 'ENOENT' }))).toEqual({ message: 'm' });
    const torn = new Error(messageWithCode(new CodedError('save_exists', { name: 'x' })).slice(0, -3));
    expect(messageOf(torn)).toEqual({ message: 'x already exists in the workspace; choose another name or confirm replacing it' });
  });
});
