#include "softmax_loss.h"

#include <cmath>

namespace bp {

void softmaxRows(const float* x, size_t rows, size_t cols, float* out) {
  for (size_t r = 0; r < rows; ++r) {
    const float* in = x + r * cols;
    float* o = out + r * cols;
    float max = in[0];
    for (size_t c = 1; c < cols; ++c) max = std::fmax(max, in[c]);
    double total = 0.0;
    for (size_t c = 0; c < cols; ++c) {
      const float e = std::exp(in[c] - max);
      o[c] = e;
      total += e;
    }
    const float inverse = static_cast<float>(1.0 / total);
    for (size_t c = 0; c < cols; ++c) o[c] *= inverse;
  }
}

double crossEntropy(const float* y, const float* t, size_t n, size_t rows) {
  double total = 0.0;
  for (size_t i = 0; i < n; ++i) {
    if (t[i] != 0.0f) total += static_cast<double>(t[i]) * std::log(static_cast<double>(y[i]) + 1e-7);
  }
  return -total / static_cast<double>(rows);
}

void softmaxCrossEntropyBackward(const float* y, const float* t, size_t n, size_t rows, double dout, float* out) {
  const float factor = static_cast<float>(dout / static_cast<double>(rows));
  for (size_t i = 0; i < n; ++i) out[i] = (y[i] - t[i]) * factor;
}

}  // namespace bp
