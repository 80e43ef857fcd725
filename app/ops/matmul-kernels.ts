import type { Backend } from '../tensor/backend';
import type { Tensor } from '../tensor/tensor';

/** Views a vector [K] as the one-row matrix [1, K] (same data). */
function asMatrix(t: Tensor): Tensor {
  return t.shape.length === 1 ? { shape: [1, t.shape[0]], data: t.data } : t;
}

function withShape(t: Tensor, shape: readonly number[]): Tensor {
  return { shape: [...shape], data: t.data };
}

/** x · W where x may be a vector [K]; the result keeps x's rank. */
export function matmulForward(b: Backend, x: Tensor, w: Tensor): Tensor {
  const out = b.matmul(asMatrix(x), w);
  return x.shape.length === 1 ? withShape(out, [w.shape[1]]) : out;
}

/** dx = dout · Wᵀ and dW = xᵀ · dout, each of its input's shape. */
export function matmulBackward(b: Backend, dout: Tensor, x: Tensor, w: Tensor): { dx: Tensor; dW: Tensor } {
  const d = asMatrix(dout);
  return { dx: withShape(b.matmul(d, w, false, true), x.shape), dW: b.matmul(asMatrix(x), d, true, false) };
}
