// The per-instruction-set pieces of the matrix product: a register-blocked micro-kernel over
// packed panels (the dense path) and a row kernel that skips zeros of A (the sparse path).
#pragma once

#include "simd_level.h"

namespace bp {

// C[0..mrEff, 0..nrEff] (leading dimension ldc) = (accumulate ? C : 0) + Ap · Bp, where Ap holds kc
// steps of mr contiguous A values, aStep floats apart (mr when packed; Aᵀ's row length when read
// in place), and Bp kc rows of nr columns (nr floats per k), zero-padded to full nr.
using MicroKernel = void (*)(int kc, const float* ap, int aStep, const float* bp, float* c, int ldc, int mrEff,
                             int nrEff, bool accumulate);

// Rows [rowBegin, rowEnd) of C (m×n) = (accumulate ? C : 0) + A (m×k, row stride lda) · B (k×n),
// row-major, skipping the zeros of A when skipZeros (worth it when A is mostly zeros).
using SparseRowKernel = void (*)(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd, int n,
                                 int k, bool accumulate, bool skipZeros);

// C (m×n) = Aᵀ · B for A stored k×m and B k×n, as a sum of outer products of A's rows (their
// nonzeros only) with B's rows: the weight gradient xᵀ·dout without transposing x.
using SparseOuterKernel = void (*)(const float* a, const float* b, float* c, int m, int n, int k);

// The micro-kernel over only the k steps listed (those where the packed A strip has a nonzero).
using SkippingMicroKernel = void (*)(int steps, const int* stepIndex, const float* ap, int aStep, const float* bp,
                                     float* c, int ldc, int mrEff, int nrEff, bool accumulate);
// Lists the k steps (of kc) where the A strip (mr values per step, aStep apart) has a nonzero;
// returns how many. stepIndex needs room for kc values.
using NonzeroStepLister = int (*)(const float* ap, int aStep, int kc, int* stepIndex);

// The plain loops behind SparseOuterKernel. Always inlined, so each instruction set's kernel
// compiles them under its own target attribute (the compiler vectorises the row update there).
BP_ALWAYS_INLINE void sparseOuterLoops(const float* a, const float* b, float* c, int m, int n,
                                                            int k) {
  for (long i = 0; i < static_cast<long>(m) * n; ++i) c[i] = 0.0f;
  for (int r = 0; r < k; ++r) {
    const float* aRow = a + static_cast<long>(r) * m;
    const float* bRow = b + static_cast<long>(r) * n;
    for (int i = 0; i < m; ++i) {
      const float v = aRow[i];
      if (v == 0.0f) continue;
      float* cRow = c + static_cast<long>(i) * n;
      for (int j = 0; j < n; ++j) cRow[j] += v * bRow[j];
    }
  }
}

struct GemmKernels {
  int mr;
  int nr;
  MicroKernel micro;
  SparseRowKernel sparseRows;
  SparseOuterKernel sparseOuter;
  // Optional (null where not written): the dense path skipping all-zero steps of A's strips, for
  // Aᵀ with A holding MNIST rows (neighbouring pixels are zero together).
  SkippingMicroKernel skippingMicro;
  NonzeroStepLister nonzeroSteps;
};

const GemmKernels& scalarGemmKernels();
#if defined(BP_HAVE_X86_KERNELS)
const GemmKernels& avx2GemmKernels();
const GemmKernels& avx512GemmKernels();
#endif

}  // namespace bp
