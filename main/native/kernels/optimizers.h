// In-place parameter updates, as the book's common/optimizer.py.
#pragma once

#include <cstddef>

namespace bp {

// p −= lr · g
void sgdUpdate(float* param, const float* grad, size_t n, float lr);
// v = momentum · v − lr · g;  p += v
void momentumUpdate(float* param, const float* grad, float* velocity, size_t n, float lr, float momentum);
// h += g²;  p −= lr · g / (√h + 1e-7)
void adagradUpdate(float* param, const float* grad, float* h, size_t n, float lr);
// lr_t = lr·√(1−β2^step)/(1−β1^step);  m += (1−β1)(g−m);  v += (1−β2)(g²−v);  p −= lr_t·m/(√v + 1e-7)
void adamUpdate(float* param, const float* grad, float* m, float* v, size_t n, double lr, double beta1, double beta2,
                double step);

}  // namespace bp
