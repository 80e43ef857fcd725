// AVX-512 kernels: a 12×32 micro-kernel (24 accumulators of the 32 zmm registers) and a
// zero-skipping row kernel that keeps up to 64 columns of a C row in registers.
#include "simd_level.h"
#include "gemm_kernels.h"

#if defined(BP_HAVE_X86_KERNELS)
#include <immintrin.h>

#include <vector>

namespace bp {

namespace {

constexpr int kMr = 12;
constexpr int kNr = 32;

BP_TARGET_AVX512 void microAvx512(int kc, const float* ap, const float* bp, float* c, int ldc, int mrEff, int nrEff,
                                  bool accumulate) {
  __m512 acc0[kMr];
  __m512 acc1[kMr];
#pragma GCC unroll 12
  for (int r = 0; r < kMr; ++r) acc0[r] = acc1[r] = _mm512_setzero_ps();
  for (int p = 0; p < kc; ++p) {
    const __m512 b0 = _mm512_loadu_ps(bp);
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#pragma GCC unroll 12
    for (int r = 0; r < kMr; ++r) {
      const __m512 a = _mm512_set1_ps(ap[r]);
      acc0[r] = _mm512_fmadd_ps(a, b0, acc0[r]);
      acc1[r] = _mm512_fmadd_ps(a, b1, acc1[r]);
    }
    ap += kMr;
    bp += kNr;
  }
  if (mrEff == kMr && nrEff == kNr) {
#pragma GCC unroll 12
    for (int r = 0; r < kMr; ++r) {
      float* row = c + static_cast<long>(r) * ldc;
      if (accumulate) {
        acc0[r] = _mm512_add_ps(acc0[r], _mm512_loadu_ps(row));
        acc1[r] = _mm512_add_ps(acc1[r], _mm512_loadu_ps(row + 16));
      }
      _mm512_storeu_ps(row, acc0[r]);
      _mm512_storeu_ps(row + 16, acc1[r]);
    }
    return;
  }
  const __mmask16 mask0 = static_cast<__mmask16>(nrEff >= 16 ? 0xFFFF : (1u << nrEff) - 1);
  const __mmask16 mask1 = static_cast<__mmask16>(nrEff >= 32 ? 0xFFFF : nrEff <= 16 ? 0 : (1u << (nrEff - 16)) - 1);
  for (int r = 0; r < mrEff; ++r) {
    float* row = c + static_cast<long>(r) * ldc;
    __m512 v0 = acc0[r];
    __m512 v1 = acc1[r];
    if (accumulate) {
      v0 = _mm512_add_ps(v0, _mm512_maskz_loadu_ps(mask0, row));
      v1 = _mm512_add_ps(v1, _mm512_maskz_loadu_ps(mask1, row + 16));
    }
    _mm512_mask_storeu_ps(row, mask0, v0);
    _mm512_mask_storeu_ps(row + 16, mask1, v1);
  }
}

BP_TARGET_AVX512 inline __mmask16 columnMask(int columnsLeft) {
  if (columnsLeft >= 16) return 0xFFFF;
  if (columnsLeft <= 0) return 0;
  return static_cast<__mmask16>((1u << columnsLeft) - 1);
}

// C row chunk of up to 16·V columns = Σ over the nonzeros of the A row of value · B row chunk.
template <int V>
BP_TARGET_AVX512 void sparseChunkAvx512(const int* nzIndex, const float* nzValue, int nnz, const float* b, int n,
                                        int j0, float* cRow) {
  __mmask16 mask[V];
  __m512 acc[V];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) {
    mask[v] = columnMask(n - j0 - 16 * v);
    acc[v] = _mm512_setzero_ps();
  }
  for (int q = 0; q < nnz; ++q) {
    const float* bRow = b + static_cast<long>(nzIndex[q]) * n + j0;
    const __m512 a = _mm512_set1_ps(nzValue[q]);
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) acc[v] = _mm512_fmadd_ps(a, _mm512_maskz_loadu_ps(mask[v], bRow + 16 * v), acc[v]);
  }
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) _mm512_mask_storeu_ps(cRow + j0 + 16 * v, mask[v], acc[v]);
}

BP_TARGET_AVX512 void sparseRowsAvx512(const float* a, const float* b, float* c, int rowBegin, int rowEnd, int n,
                                       int k) {
  thread_local std::vector<int> nzIndex;
  thread_local std::vector<float> nzValue;
  if (static_cast<int>(nzIndex.size()) < k) {
    nzIndex.resize(k);
    nzValue.resize(k);
  }
  for (int i = rowBegin; i < rowEnd; ++i) {
    const float* aRow = a + static_cast<long>(i) * k;
    int nnz = 0;
    for (int p = 0; p < k; ++p) {
      if (aRow[p] != 0.0f) {
        nzIndex[nnz] = p;
        nzValue[nnz] = aRow[p];
        ++nnz;
      }
    }
    float* cRow = c + static_cast<long>(i) * n;
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int vectors = (n - j0 >= 64) ? 4 : (n - j0 + 15) / 16;
      switch (vectors) {
        case 1: sparseChunkAvx512<1>(nzIndex.data(), nzValue.data(), nnz, b, n, j0, cRow); break;
        case 2: sparseChunkAvx512<2>(nzIndex.data(), nzValue.data(), nnz, b, n, j0, cRow); break;
        case 3: sparseChunkAvx512<3>(nzIndex.data(), nzValue.data(), nnz, b, n, j0, cRow); break;
        default: sparseChunkAvx512<4>(nzIndex.data(), nzValue.data(), nnz, b, n, j0, cRow); break;
      }
    }
  }
}

}  // namespace

const GemmKernels& avx512GemmKernels() {
  static const GemmKernels kernels{kMr, kNr, microAvx512, sparseRowsAvx512};
  return kernels;
}

}  // namespace bp

#endif
