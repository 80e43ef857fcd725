import { formatShape } from '../tensor/format-shape';
import { allocate, dtypeOf, type Tensor } from '../tensor/tensor';

/**
 * The centred numerical gradient of a scalar function f at x, as the chapter's numerical_gradient:
 * each element of x is nudged by ±h in place, f is evaluated, and the element is restored exactly.
 * `f` reads x (or something sharing its data), so x must be float64 for h = 1e-4 to mean anything.
 */
export function numericalGradient(f: (x: Tensor) => number, x: Tensor, h = 1e-4): Tensor {
  if (dtypeOf(x) !== 'float64') {
    throw new RangeError(`numerical gradients need a float64 tensor, got float32 of shape ${formatShape(x.shape)}`);
  }
  const grad = allocate(x.shape, 'float64');
  const data = x.data;
  for (let i = 0; i < data.length; i++) {
    const original = data[i];
    data[i] = original + h;
    const above = f(x);
    data[i] = original - h;
    const below = f(x);
    data[i] = original;
    grad.data[i] = (above - below) / (2 * h);
  }
  return grad;
}
