#include "elementwise.h"

#include <cmath>

namespace bp {

namespace {

template <typename Op>
void broadcast(const float* a, size_t n, const float* b, size_t bCount, size_t cols, float* out, Op op) {
  if (bCount == n) {
    for (size_t i = 0; i < n; ++i) out[i] = op(a[i], b[i]);
  } else if (bCount == 1) {
    const float s = b[0];
    for (size_t i = 0; i < n; ++i) out[i] = op(a[i], s);
  } else {
    for (size_t r = 0; r < n; r += cols) {
      for (size_t c = 0; c < cols; ++c) out[r + c] = op(a[r + c], b[c]);
    }
  }
}

}  // namespace

void addBroadcast(const float* a, size_t n, const float* b, size_t bCount, size_t cols, float* out) {
  broadcast(a, n, b, bCount, cols, out, [](float x, float y) { return x + y; });
}

void mulBroadcast(const float* a, size_t n, const float* b, size_t bCount, size_t cols, float* out) {
  broadcast(a, n, b, bCount, cols, out, [](float x, float y) { return x * y; });
}

void sumRows(const float* g, size_t rows, size_t cols, float* out) {
  for (size_t c = 0; c < cols; ++c) out[c] = 0.0f;
  for (size_t r = 0; r < rows; ++r) {
    const float* row = g + r * cols;
    for (size_t c = 0; c < cols; ++c) out[c] += row[c];
  }
}

double sumAll(const float* g, size_t n) {
  double total = 0.0;
  for (size_t i = 0; i < n; ++i) total += g[i];
  return total;
}

void scale(const float* a, size_t n, float s, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = a[i] * s;
}

void expElementwise(const float* a, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = std::exp(a[i]);
}

void reciprocal(const float* a, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = 1.0f / a[i];
}

void relu(const float* x, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void reluBackward(const float* dout, const float* x, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = x[i] > 0.0f ? dout[i] : 0.0f;
}

void sigmoid(const float* x, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = 1.0f / (1.0f + std::exp(-x[i]));
}

void sigmoidBackward(const float* dout, const float* y, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = dout[i] * y[i] * (1.0f - y[i]);
}

}  // namespace bp
