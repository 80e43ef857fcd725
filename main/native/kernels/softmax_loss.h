// Softmax over rows, the cross-entropy error and the gradient of the two combined.
#pragma once

#include <cstddef>

namespace bp {

// Each of `rows` rows of `cols` values: exp(x − max) / Σ exp(x − max).
void softmaxRows(const float* x, size_t rows, size_t cols, float* out);

// −Σ t·log(y + 1e-7) / rows, the chapter's batch mean (terms where t is 0 are skipped).
double crossEntropy(const float* y, const float* t, size_t n, size_t rows);

// out = (y − t) · dout / rows.
void softmaxCrossEntropyBackward(const float* y, const float* t, size_t n, size_t rows, double dout, float* out);

}  // namespace bp
