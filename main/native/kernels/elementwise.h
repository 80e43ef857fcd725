// Elementwise float32 kernels and the reductions that undo broadcasting.
#pragma once

#include <cstddef>

namespace bp {

// out = a ⊕ b over n elements of a, where b has n elements, 1 (a scalar) or `cols` (a row vector
// repeated over the rows of a, n a multiple of cols).
void addBroadcast(const float* a, size_t n, const float* b, size_t bCount, size_t cols, float* out);
void mulBroadcast(const float* a, size_t n, const float* b, size_t bCount, size_t cols, float* out);

// out[c] = Σ_r g[r·cols + c].
void sumRows(const float* g, size_t rows, size_t cols, float* out);
double sumAll(const float* g, size_t n);

void scale(const float* a, size_t n, float s, float* out);
void expElementwise(const float* a, size_t n, float* out);
void reciprocal(const float* a, size_t n, float* out);

void relu(const float* x, size_t n, float* out);
// dout where x > 0, else 0.
void reluBackward(const float* dout, const float* x, size_t n, float* out);
void sigmoid(const float* x, size_t n, float* out);
// dout · y · (1 − y).
void sigmoidBackward(const float* dout, const float* y, size_t n, float* out);

}  // namespace bp
