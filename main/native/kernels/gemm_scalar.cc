// Portable kernels: plain loops the compiler vectorises for the baseline of any target.
#include <vector>

#include "simd_level.h"
#include "gemm_kernels.h"

namespace bp {

namespace {

constexpr int kMr = 4;
constexpr int kNr = 8;

void microScalar(int kc, const float* ap, int aStep, const float* bp, float* c, int ldc, int mrEff, int nrEff,
                 bool accumulate) {
  float acc[kMr][kNr] = {};
  for (int p = 0; p < kc; ++p) {
    for (int r = 0; r < kMr; ++r) {
      const float a = ap[r];
      for (int j = 0; j < kNr; ++j) acc[r][j] += a * bp[j];
    }
    ap += aStep;
    bp += kNr;
  }
  for (int r = 0; r < mrEff; ++r) {
    float* row = c + static_cast<long>(r) * ldc;
    for (int j = 0; j < nrEff; ++j) row[j] = (accumulate ? row[j] : 0.0f) + acc[r][j];
  }
}

void sparseRowsScalar(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd, int n, int k,
                      bool accumulate, bool /*skipZeros: always, the test is as cheap as the multiply*/) {
  for (int i = rowBegin; i < rowEnd; ++i) {
    const float* aRow = a + static_cast<long>(i) * lda;
    float* cRow = c + static_cast<long>(i) * n;
    if (!accumulate) {
      for (int j = 0; j < n; ++j) cRow[j] = 0.0f;
    }
    for (int p = 0; p < k; ++p) {
      const float v = aRow[p];
      if (v == 0.0f) continue;
      const float* bRow = b + static_cast<long>(p) * n;
      for (int j = 0; j < n; ++j) cRow[j] += v * bRow[j];
    }
  }
}

void sparseOuterScalar(const float* a, const float* b, float* c, int m, int n, int k) {
  sparseOuterLoops(a, b, c, m, n, k);
}

}  // namespace

const GemmKernels& scalarGemmKernels() {
  static const GemmKernels kernels{kMr, kNr, microScalar, sparseRowsScalar, sparseOuterScalar, nullptr, nullptr};
  return kernels;
}

}  // namespace bp
