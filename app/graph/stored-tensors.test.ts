import { describe, expect, it } from 'vitest';
import { fromArray } from '../tensor/tensor';
import { base64ToBytes, bytesToBase64, decodeFloat32Base64, encodeFloat32Base64, storedToTensor, tensorToStored } from './stored-tensors';

describe('stored tensors', () => {
  it('encodes bytes as standard base64, padding included', () => {
    const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    expect(bytesToBase64(bytes(''))).toBe('');
    expect(bytesToBase64(bytes('f'))).toBe('Zg==');
    expect(bytesToBase64(bytes('fo'))).toBe('Zm8=');
    expect(bytesToBase64(bytes('foobar'))).toBe('Zm9vYmFy');
    expect(Array.from(base64ToBytes('Zm9vYg=='))).toEqual(Array.from(bytes('foob')));
  });

  it('writes float32 little-endian: 1.0 is 00 00 80 3f', () => {
    expect(encodeFloat32Base64([1])).toBe('AACAPw==');
    expect(Array.from(base64ToBytes('AACAPw=='))).toEqual([0, 0, 0x80, 0x3f]);
  });

  it('round-trips every byte value and random float32 values', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) % 256);
    expect(Array.from(base64ToBytes(bytesToBase64(all)))).toEqual(Array.from(all));
    const values = Float32Array.from({ length: 1001 }, (_, i) => Math.sin(i) * 10 ** ((i % 20) - 10));
    expect(decodeFloat32Base64(encodeFloat32Base64(values))).toEqual(values);
  });

  it('round-trips a tensor with its shape, into the requested dtype', () => {
    const t = fromArray([2, 3], [0.5, -1, 2, 3.25, 0, -7]);
    const stored = tensorToStored(t);
    expect(stored).toMatchObject({ shape: [2, 3], dtype: 'float32' });
    const back = storedToTensor(stored, 'float64');
    expect(back.shape).toEqual([2, 3]);
    expect(back.data).toBeInstanceOf(Float64Array);
    expect(Array.from(back.data)).toEqual([0.5, -1, 2, 3.25, 0, -7]);
  });

  it('refuses data that does not fill the shape, or is not base64', () => {
    expect(() => storedToTensor({ shape: [2, 2], dtype: 'float32', data: encodeFloat32Base64([1, 2, 3]) })).toThrow(
      'stored tensor of shape 2×2 needs 4 float32 values, its data holds 3',
    );
    expect(() => base64ToBytes('ab$d')).toThrow(/invalid character "\$" at position 2/);
  });
});
