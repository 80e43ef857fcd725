#include "optimizers.h"

#include <cmath>

namespace bp {

void sgdUpdate(float* param, const float* grad, size_t n, float lr) {
  for (size_t i = 0; i < n; ++i) param[i] -= lr * grad[i];
}

void momentumUpdate(float* param, const float* grad, float* velocity, size_t n, float lr, float momentum) {
  for (size_t i = 0; i < n; ++i) {
    velocity[i] = momentum * velocity[i] - lr * grad[i];
    param[i] += velocity[i];
  }
}

void adagradUpdate(float* param, const float* grad, float* h, size_t n, float lr) {
  for (size_t i = 0; i < n; ++i) {
    h[i] += grad[i] * grad[i];
    param[i] -= lr * grad[i] / (std::sqrt(h[i]) + 1e-7f);
  }
}

void adamUpdate(float* param, const float* grad, float* m, float* v, size_t n, double lr, double beta1, double beta2,
                double step) {
  const float lrT = static_cast<float>(lr * std::sqrt(1.0 - std::pow(beta2, step)) / (1.0 - std::pow(beta1, step)));
  const float keep1 = static_cast<float>(1.0 - beta1);
  const float keep2 = static_cast<float>(1.0 - beta2);
  for (size_t i = 0; i < n; ++i) {
    const float g = grad[i];
    m[i] += keep1 * (g - m[i]);
    v[i] += keep2 * (g * g - v[i]);
    param[i] -= lrT * m[i] / (std::sqrt(v[i]) + 1e-7f);
  }
}

}  // namespace bp
