import type { Tensor } from '../../app/tensor/tensor';

export type TensorJson = number | { readonly shape: readonly number[]; readonly data: readonly number[] } | null;

/** A scalar as a number, any other tensor as its shape and row-major data; nothing as null. */
export function tensorToJson(t: Tensor | undefined): TensorJson {
  if (!t) return null;
  if (t.shape.length === 0) return t.data[0];
  return { shape: [...t.shape], data: Array.from(t.data) };
}
