// The MLP trainer's Softmax with loss in plain loops (the SoftmaxLoss of levels without a kernel of
// their own, and of rows a kernel leaves to them), and the loss's sum, which every level shares so
// that all give the same loss.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "mlp_layout.h"
#include "simd_level.h"

namespace bp {

// The loss −Σ log(y + 1e-7) over a batch's rows, added a row at a time in row order, with one
// logarithm per 16 rows: of the product of their terms, each in [1e-7, 1 + 1e-7], which a double
// holds without underflow (a term that is not a number makes the loss not one). A logarithm per
// row was ≈ 1 % of a training step.
class LossSum {
 public:
  void add(double term) {
    product_ *= term;
    if (++terms_ == kTermsPerLog) flush();
  }
  double total() {
    flush();
    return loss_;
  }

 private:
  static constexpr int kTermsPerLog = 16;
  void flush() {
    if (terms_ == 0) return;
    loss_ -= std::log(product_);
    product_ = 1.0;
    terms_ = 0;
  }
  double loss_ = 0.0, product_ = 1.0;
  int terms_ = 0;
};

// One row of softmaxLoss: y = e^(s − max) / Σ, in the classes' order; returns the row's loss term,
// y[label] + 1e-7 (LossSum).
BP_ALWAYS_INLINE double softmaxLossRow(const float* s, int classes, int label, float inverseRows, float* d) {
  const float max = s[argmax(s, classes)];
  float sum = 0.0f;
  for (int c = 0; c < classes; ++c) sum += (d[c] = std::exp(s[c] - max));
  double term = 0.0;
  for (int c = 0; c < classes; ++c) {
    const float y = d[c] / sum;
    if (c == label) term = static_cast<double>(y) + 1e-7;
    d[c] = (y - (c == label ? 1.0f : 0.0f)) * inverseRows;
  }
  return term;
}

BP_ALWAYS_INLINE double softmaxLossLoops(const float* scores, int rows, int classes, const uint8_t* labels,
                                         const int32_t* indices, float inverseRows, float* d) {
  LossSum loss;
  for (int r = 0; r < rows; ++r) {
    const size_t at = static_cast<size_t>(r) * classes;
    loss.add(softmaxLossRow(scores + at, classes, labels[indices[r]], inverseRows, d + at));
  }
  return loss.total();
}

}  // namespace bp
