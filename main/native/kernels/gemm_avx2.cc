// AVX2+FMA kernels: a 6×16 micro-kernel (12 accumulators of the 16 ymm registers) and a
// zero-skipping row kernel that keeps up to 32 columns of a C row in registers.
#include "simd_level.h"
#include "gemm_kernels.h"

#if defined(BP_HAVE_X86_KERNELS)
#include <immintrin.h>

#include <vector>

namespace bp {

namespace {

constexpr int kMr = 6;
constexpr int kNr = 16;

BP_TARGET_AVX2 inline __m256i columnMask(int columnsLeft) {
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(columnsLeft), lanes);
}

BP_TARGET_AVX2 void microAvx2(int kc, const float* ap, int aStep, const float* bp, float* c, int ldc, int mrEff,
                              int nrEff, bool accumulate) {
  __m256 acc0[kMr];
  __m256 acc1[kMr];
#pragma GCC unroll 6
  for (int r = 0; r < kMr; ++r) acc0[r] = acc1[r] = _mm256_setzero_ps();
  for (int p = 0; p < kc; ++p) {
    const __m256 b0 = _mm256_loadu_ps(bp);
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#pragma GCC unroll 6
    for (int r = 0; r < kMr; ++r) {
      const __m256 a = _mm256_broadcast_ss(ap + r);
      acc0[r] = _mm256_fmadd_ps(a, b0, acc0[r]);
      acc1[r] = _mm256_fmadd_ps(a, b1, acc1[r]);
    }
    ap += aStep;
    bp += kNr;
  }
  if (mrEff == kMr && nrEff == kNr) {
#pragma GCC unroll 6
    for (int r = 0; r < kMr; ++r) {
      float* row = c + static_cast<long>(r) * ldc;
      if (accumulate) {
        acc0[r] = _mm256_add_ps(acc0[r], _mm256_loadu_ps(row));
        acc1[r] = _mm256_add_ps(acc1[r], _mm256_loadu_ps(row + 8));
      }
      _mm256_storeu_ps(row, acc0[r]);
      _mm256_storeu_ps(row + 8, acc1[r]);
    }
    return;
  }
  const __m256i mask0 = columnMask(nrEff);
  const __m256i mask1 = columnMask(nrEff - 8);
  for (int r = 0; r < mrEff; ++r) {
    float* row = c + static_cast<long>(r) * ldc;
    __m256 v0 = acc0[r];
    __m256 v1 = acc1[r];
    if (accumulate) {
      v0 = _mm256_add_ps(v0, _mm256_maskload_ps(row, mask0));
      v1 = _mm256_add_ps(v1, _mm256_maskload_ps(row + 8, mask1));
    }
    _mm256_maskstore_ps(row, mask0, v0);
    _mm256_maskstore_ps(row + 8, mask1, v1);
  }
}

// C row chunk of up to 8·V columns (+)= Σ over the nonzeros of the A row of value · B row chunk.
template <int V>
BP_TARGET_AVX2 void sparseChunkAvx2(const int* nzIndex, const float* nzValue, int nnz, const float* b, int n, int j0,
                                    float* cRow, bool accumulate) {
  __m256i mask[V];
  __m256 acc[V];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) {
    mask[v] = columnMask(n - j0 - 8 * v);
    acc[v] = accumulate ? _mm256_maskload_ps(cRow + j0 + 8 * v, mask[v]) : _mm256_setzero_ps();
  }
  for (int q = 0; q < nnz; ++q) {
    const float* bRow = b + static_cast<long>(nzIndex[q]) * n + j0;
    const __m256 a = _mm256_set1_ps(nzValue[q]);
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) acc[v] = _mm256_fmadd_ps(a, _mm256_maskload_ps(bRow + 8 * v, mask[v]), acc[v]);
  }
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) _mm256_maskstore_ps(cRow + j0 + 8 * v, mask[v], acc[v]);
}

BP_TARGET_AVX2 void sparseRowsAvx2(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd, int n,
                                   int k, bool accumulate, bool skipZeros) {
  thread_local std::vector<int> indexBuffer;
  thread_local std::vector<float> valueBuffer;
  if (static_cast<int>(indexBuffer.size()) < k) {
    indexBuffer.resize(k);
    valueBuffer.resize(k);
  }
  // Plain pointers: every touch of a thread_local in a shared library is a call.
  int* nzIndex = indexBuffer.data();
  float* nzValue = valueBuffer.data();
  for (int i = rowBegin; i < rowEnd; ++i) {
    const float* aRow = a + static_cast<long>(i) * lda;
    int nnz = 0;
    for (int p = 0; p < k; ++p) {  // branch-free: the zero pattern of images is unpredictable
      nzIndex[nnz] = p;
      nzValue[nnz] = aRow[p];
      nnz += !skipZeros || aRow[p] != 0.0f;
    }
    float* cRow = c + static_cast<long>(i) * n;
    for (int j0 = 0; j0 < n; j0 += 32) {
      const int vectors = (n - j0 >= 32) ? 4 : (n - j0 + 7) / 8;
      switch (vectors) {
        case 1: sparseChunkAvx2<1>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        case 2: sparseChunkAvx2<2>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        case 3: sparseChunkAvx2<3>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        default: sparseChunkAvx2<4>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
      }
    }
  }
}

// Plain loops: the compiler vectorises the row update for AVX2 within this function.
BP_TARGET_AVX2 void sparseOuterAvx2(const float* a, const float* b, float* c, int m, int n, int k) {
  sparseOuterLoops(a, b, c, m, n, k);
}

}  // namespace

const GemmKernels& avx2GemmKernels() {
  static const GemmKernels kernels{kMr, kNr, microAvx2, sparseRowsAvx2, sparseOuterAvx2, nullptr, nullptr};
  return kernels;
}

}  // namespace bp

#endif
