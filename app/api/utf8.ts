/** The UTF-8 size of a string without encoding it (app/ has neither TextEncoder's types nor Buffer). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3; // a lone surrogate is written as U+FFFD, 3 bytes
  }
  return bytes;
}

/** Whether `text` fits in `limit` UTF-8 bytes, counting only when the length alone cannot tell. */
export function fitsInUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return false;
  if (text.length * 3 <= limit) return true;
  return utf8ByteLength(text) <= limit;
}
