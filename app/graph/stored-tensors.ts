import { CodedError } from '../i18n/messages';
import { formatShape } from '../tensor/format-shape';
import { allocate, sizeOf, type DType, type Tensor } from '../tensor/tensor';
import type { StoredTensor } from './document';

/**
 * Trained weights live in the graph file as float32 little-endian bytes in base64. app/ has neither
 * Node's Buffer nor the DOM's atob/btoa in its types, so this file carries its own small codec.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    chunk += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Throws a coded error naming the first character that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const unpadded = clean.replace(/=+$/, '');
  if (clean.length - unpadded.length > 2 || unpadded.length % 4 === 1) {
    throw new CodedError('stored_base64_padding', { length: String(clean.length) });
  }
  const bytes = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let out = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const code = unpadded.charCodeAt(i);
    const value = code < 128 ? DECODE[code] : -1;
    if (value < 0) throw new CodedError('stored_base64_character', { character: JSON.stringify(unpadded[i]), position: String(i) });
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

export function encodeFloat32Base64(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return bytesToBase64(new Uint8Array(view.buffer));
}

export function decodeFloat32Base64(text: string): Float32Array {
  const bytes = base64ToBytes(text);
  if (bytes.length % 4 !== 0) throw new CodedError('stored_float32_bytes', { bytes: String(bytes.length) });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function tensorToStored(t: Tensor): StoredTensor {
  return { shape: [...t.shape], dtype: 'float32', data: encodeFloat32Base64(t.data) };
}

/** Decodes into `dtype` (the backend's); throws a coded error when the data does not fill the shape. */
export function storedToTensor(stored: StoredTensor, dtype: DType = 'float64'): Tensor {
  const values = decodeFloat32Base64(stored.data);
  const expected = sizeOf(stored.shape);
  if (values.length !== expected) {
    throw new CodedError('stored_value_count', { shape: formatShape(stored.shape), needed: String(expected), held: String(values.length) });
  }
  const t = allocate(stored.shape, dtype);
  t.data.set(values);
  return t;
}
