import { formatShape } from './format-shape';

/** A dense row-major tensor: a shape and a typed array of exactly shape's product elements. */
export type DType = 'float64' | 'float32';
export type FloatArray = Float64Array | Float32Array;

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: FloatArray;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function dtypeOf(t: Tensor): DType {
  return t.data instanceof Float32Array ? 'float32' : 'float64';
}

export function allocate(shape: readonly number[], dtype: DType = 'float64'): Tensor {
  const n = sizeOf(shape);
  return { shape: [...shape], data: dtype === 'float32' ? new Float32Array(n) : new Float64Array(n) };
}

export function fromArray(shape: readonly number[], values: ArrayLike<number>, dtype: DType = 'float64'): Tensor {
  const n = sizeOf(shape);
  if (values.length !== n) {
    throw new RangeError(`tensor of shape ${formatShape(shape)} needs ${n} values, got ${values.length}`);
  }
  const data = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  return { shape: [...shape], data };
}

/** A scalar is a tensor of shape []. */
export function scalar(value: number, dtype: DType = 'float64'): Tensor {
  return fromArray([], [value], dtype);
}

export function isScalar(t: Tensor): boolean {
  return t.shape.length === 0;
}

export function scalarValue(t: Tensor): number {
  if (t.data.length !== 1) throw new RangeError(`expected a single value, got shape ${formatShape(t.shape)}`);
  return t.data[0];
}

export function fromRows(rows: readonly (readonly number[])[], dtype: DType = 'float64'): Tensor {
  const cols = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== cols)) throw new RangeError('all rows must have the same length');
  return fromArray([rows.length, cols], rows.flat(), dtype);
}

export function toNested(t: Tensor): number | number[] | number[][] {
  if (t.shape.length === 0) return t.data[0];
  if (t.shape.length === 1) return Array.from(t.data);
  const [rows] = t.shape;
  const cols = t.data.length / Math.max(rows, 1);
  return Array.from({ length: rows }, (_, r) => Array.from(t.data.subarray(r * cols, (r + 1) * cols)));
}

export function cloneTensor(t: Tensor): Tensor {
  return { shape: [...t.shape], data: t.data.slice() };
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
