import { dtypeOf, type DType, type Tensor } from './tensor';

/** The tensor itself when it already has `dtype`, else a copy converted to it. */
export function asDtype(t: Tensor, dtype: DType): Tensor {
  if (dtypeOf(t) === dtype) return t;
  const data = dtype === 'float32' ? Float32Array.from(t.data) : Float64Array.from(t.data);
  return { shape: [...t.shape], data };
}
