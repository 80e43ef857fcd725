// The optimizers' update of the MLP trainer's parameters (the same rules and float32 rounding as
// kernels/optimizers.cc, over the trainer's flat parameter array).
#include <cmath>

#include "mlp.h"
#include "mlp_layout.h"

namespace bp {

namespace {

constexpr double kMomentum = 0.9;
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;

}  // namespace

void MlpTrainer::update(const float* from, float* to, size_t first, size_t end) {
  const float lr = static_cast<float>(learningRate_);
  const float* g = aligned(grads_);
  float* s0 = state0_.data();
  float* s1 = state1_.data();
  switch (optimizer_) {
    case MlpOptimizer::Sgd:
      for (size_t i = first; i < end; ++i) to[i] = from[i] - lr * g[i];
      break;
    case MlpOptimizer::Momentum: {
      const float momentum = static_cast<float>(kMomentum);
      for (size_t i = first; i < end; ++i) {
        s0[i] = momentum * s0[i] - lr * g[i];
        to[i] = from[i] + s0[i];
      }
      break;
    }
    case MlpOptimizer::Adagrad:
      for (size_t i = first; i < end; ++i) {
        s0[i] += g[i] * g[i];
        to[i] = from[i] - lr * g[i] / (std::sqrt(s0[i]) + 1e-7f);
      }
      break;
    case MlpOptimizer::Adam: {
      const double step = static_cast<double>(updates_);
      const float lrT = static_cast<float>(learningRate_ * std::sqrt(1.0 - std::pow(kBeta2, step)) /
                                           (1.0 - std::pow(kBeta1, step)));
      const float keep1 = static_cast<float>(1.0 - kBeta1);
      const float keep2 = static_cast<float>(1.0 - kBeta2);
      for (size_t i = first; i < end; ++i) {
        s0[i] += keep1 * (g[i] - s0[i]);
        s1[i] += keep2 * (g[i] * g[i] - s1[i]);
        to[i] = from[i] - lrT * s0[i] / (std::sqrt(s1[i]) + 1e-7f);
      }
      break;
    }
  }
}

}  // namespace bp
