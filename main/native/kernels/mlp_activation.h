// The MLP trainer's activations in plain loops: forward from z, and the gradient through them.
// Tanh's backward rounds as the op-by-op path does (u − u·y·y); LeakyReLU is z > 0 ? z : slope·z.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>

#include "mlp.h"

namespace bp {

// y = f(z) over `size` values.
inline void activate(const LayerActivation& activation, const float* z, float* y, size_t size) {
  switch (activation.kind) {
    case MlpActivation::Relu:
      for (size_t i = 0; i < size; ++i) y[i] = z[i] > 0.0f ? z[i] : 0.0f;
      break;
    case MlpActivation::Sigmoid:
      for (size_t i = 0; i < size; ++i) y[i] = 1.0f / (1.0f + std::exp(-z[i]));
      break;
    case MlpActivation::Tanh:
      for (size_t i = 0; i < size; ++i) y[i] = std::tanh(z[i]);
      break;
    case MlpActivation::LeakyRelu: {
      const float slope = activation.slope;
      for (size_t i = 0; i < size; ++i) y[i] = z[i] > 0.0f ? z[i] : slope * z[i];
      break;
    }
    case MlpActivation::None:
      std::memcpy(y, z, size * sizeof(float));
      break;
  }
}

// d = upstream ⊙ f′, given the forward's z and y = f(z); d may be upstream itself.
inline void activationGradient(const LayerActivation& activation, const float* z, const float* y,
                               const float* upstream, float* d, size_t size) {
  switch (activation.kind) {
    case MlpActivation::Relu:
      for (size_t i = 0; i < size; ++i) d[i] = z[i] > 0.0f ? upstream[i] : 0.0f;
      break;
    case MlpActivation::Sigmoid:
      for (size_t i = 0; i < size; ++i) d[i] = upstream[i] * y[i] * (1.0f - y[i]);
      break;
    case MlpActivation::Tanh:
      for (size_t i = 0; i < size; ++i) d[i] = upstream[i] - upstream[i] * y[i] * y[i];
      break;
    case MlpActivation::LeakyRelu: {
      const float slope = activation.slope;
      for (size_t i = 0; i < size; ++i) d[i] = z[i] > 0.0f ? upstream[i] : slope * upstream[i];
      break;
    }
    case MlpActivation::None:
      if (upstream != d) std::memcpy(d, upstream, size * sizeof(float));
      break;
  }
}

}  // namespace bp
