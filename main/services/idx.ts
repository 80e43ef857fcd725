/**
 * The IDX file format of the original MNIST distribution: a big-endian header (magic number, then
 * one uint32 per dimension) followed by unsigned bytes. We only read the two kinds MNIST uses.
 */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  /** count × rows × cols bytes, row-major. */
  readonly pixels: Uint8Array;
}

export interface IdxLabels {
  readonly count: number;
  readonly labels: Uint8Array;
}

function readUint32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) >>> 0) + (bytes[offset + 1] << 16) + (bytes[offset + 2] << 8) + bytes[offset + 3];
}

function checkHeader(bytes: Uint8Array, name: string, magic: number, headerBytes: number): void {
  if (bytes.length < headerBytes) {
    throw new Error(`${name} is truncated: its header needs ${headerBytes} bytes, got ${bytes.length}`);
  }
  const found = readUint32BE(bytes, 0);
  if (found !== magic) {
    throw new Error(`${name} is not an IDX ${magic === IDX_IMAGES_MAGIC ? 'image' : 'label'} file: magic number ${found}, expected ${magic}`);
  }
}

function checkSize(bytes: Uint8Array, name: string, expected: number): void {
  if (bytes.length < expected) throw new Error(`${name} is truncated: expected ${expected} bytes, got ${bytes.length}`);
  if (bytes.length > expected) throw new Error(`${name} is too long: expected ${expected} bytes, got ${bytes.length}`);
}

/** Parses an idx3-ubyte image file; `name` is used in error sentences. The pixels are a view, not a copy. */
export function parseIdxImages(bytes: Uint8Array, name: string): IdxImages {
  checkHeader(bytes, name, IDX_IMAGES_MAGIC, 16);
  const count = readUint32BE(bytes, 4);
  const rows = readUint32BE(bytes, 8);
  const cols = readUint32BE(bytes, 12);
  checkSize(bytes, name, 16 + count * rows * cols);
  return { count, rows, cols, pixels: bytes.subarray(16) };
}

/** Parses an idx1-ubyte label file; `name` is used in error sentences. The labels are a view, not a copy. */
export function parseIdxLabels(bytes: Uint8Array, name: string): IdxLabels {
  checkHeader(bytes, name, IDX_LABELS_MAGIC, 8);
  const count = readUint32BE(bytes, 4);
  checkSize(bytes, name, 8 + count);
  return { count, labels: bytes.subarray(8) };
}
