import { describe, expect, it } from 'vitest';
import { fitsInUtf8Bytes, utf8ByteLength } from './utf8';

describe('utf8ByteLength', () => {
  it('counts as Node encodes: ASCII, Latin, CJK, emoji and a lone surrogate', () => {
    for (const text of ['', 'abc', 'é', '€', '计算图', '😀', 'a😀b', '\ud800', '\udc00x', '\ud83d']) {
      expect(utf8ByteLength(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });

  it('fits by bytes, not UTF-16 units', () => {
    expect(fitsInUtf8Bytes('€'.repeat(3), 9)).toBe(true);
    expect(fitsInUtf8Bytes('€'.repeat(3), 8)).toBe(false);
    expect(fitsInUtf8Bytes('a'.repeat(9), 8)).toBe(false);
  });
});
