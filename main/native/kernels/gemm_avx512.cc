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

// C row chunk of up to 16·V columns (+)= Σ over the nonzeros of the A row of value · B row chunk.
// nzOffset holds each nonzero's B row offset (column index · n); only the last vector is partial.
template <int V>
BP_TARGET_AVX512 void sparseChunkAvx512(const int* nzOffset, const float* nzValue, int nnz, const float* b, int n,
                                        int j0, float* cRow, bool accumulate) {
  const __mmask16 last = columnMask(n - j0 - 16 * (V - 1));
  __m512 acc[V];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) {
    const __mmask16 mask = v == V - 1 ? last : static_cast<__mmask16>(0xFFFF);
    acc[v] = accumulate ? _mm512_maskz_loadu_ps(mask, cRow + j0 + 16 * v) : _mm512_setzero_ps();
  }
  // Two sets of accumulators: one set alone is bound by the FMA latency, not its throughput.
  __m512 odd[V];
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) odd[v] = _mm512_setzero_ps();
  const float* bChunk = b + j0;
  int q = 0;
  for (; q + 2 <= nnz; q += 2) {
    const float* bRow0 = bChunk + nzOffset[q];
    const float* bRow1 = bChunk + nzOffset[q + 1];
    const __m512 a0 = _mm512_set1_ps(nzValue[q]);
    const __m512 a1 = _mm512_set1_ps(nzValue[q + 1]);
#pragma GCC unroll 4
    for (int v = 0; v < V - 1; ++v) {
      acc[v] = _mm512_fmadd_ps(a0, _mm512_loadu_ps(bRow0 + 16 * v), acc[v]);
      odd[v] = _mm512_fmadd_ps(a1, _mm512_loadu_ps(bRow1 + 16 * v), odd[v]);
    }
    acc[V - 1] = _mm512_fmadd_ps(a0, _mm512_maskz_loadu_ps(last, bRow0 + 16 * (V - 1)), acc[V - 1]);
    odd[V - 1] = _mm512_fmadd_ps(a1, _mm512_maskz_loadu_ps(last, bRow1 + 16 * (V - 1)), odd[V - 1]);
  }
  if (q < nnz) {
    const float* bRow = bChunk + nzOffset[q];
    const __m512 a = _mm512_set1_ps(nzValue[q]);
#pragma GCC unroll 4
    for (int v = 0; v < V - 1; ++v) acc[v] = _mm512_fmadd_ps(a, _mm512_loadu_ps(bRow + 16 * v), acc[v]);
    acc[V - 1] = _mm512_fmadd_ps(a, _mm512_maskz_loadu_ps(last, bRow + 16 * (V - 1)), acc[V - 1]);
  }
#pragma GCC unroll 4
  for (int v = 0; v < V; ++v) acc[v] = _mm512_add_ps(acc[v], odd[v]);
#pragma GCC unroll 4
  for (int v = 0; v < V - 1; ++v) _mm512_storeu_ps(cRow + j0 + 16 * v, acc[v]);
  _mm512_mask_storeu_ps(cRow + j0 + 16 * (V - 1), last, acc[V - 1]);
}

// Writes the nonzeros of row (k values) and their B row offsets (column · n); returns how many.
// Both outputs need room for k + 16 values (whole vectors are stored past the count).
BP_TARGET_AVX512 int compressNonzeros(const float* row, int k, int n, int* offset, float* value) {
  int nnz = 0;
  int p = 0;
  const __m512i step = _mm512_set1_epi32(16 * n);
  __m512i offsets = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                       _mm512_set1_epi32(n));
  for (; p + 16 <= k; p += 16) {
    const __m512 v = _mm512_loadu_ps(row + p);
    const __mmask16 nonzero = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_NEQ_UQ);
    _mm512_storeu_ps(value + nnz, _mm512_maskz_compress_ps(nonzero, v));
    _mm512_storeu_si512(offset + nnz, _mm512_maskz_compress_epi32(nonzero, offsets));
    nnz += __builtin_popcount(nonzero);
    offsets = _mm512_add_epi32(offsets, step);
  }
  for (; p < k; ++p) {
    offset[nnz] = p * n;
    value[nnz] = row[p];
    nnz += row[p] != 0.0f;
  }
  return nnz;
}

BP_TARGET_AVX512 void sparseRowsAvx512(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd,
                                       int n, int k, bool accumulate) {
  thread_local std::vector<int> indexBuffer;
  thread_local std::vector<float> valueBuffer;
  if (static_cast<int>(indexBuffer.size()) < k + 16) {
    indexBuffer.resize(k + 16);
    valueBuffer.resize(k + 16);
  }
  // Plain pointers: every touch of a thread_local in a shared library is a call.
  int* nzIndex = indexBuffer.data();
  float* nzValue = valueBuffer.data();
  for (int i = rowBegin; i < rowEnd; ++i) {
    const int nnz = compressNonzeros(a + static_cast<long>(i) * lda, k, n, nzIndex, nzValue);
    float* cRow = c + static_cast<long>(i) * n;
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int vectors = (n - j0 >= 64) ? 4 : (n - j0 + 15) / 16;
      switch (vectors) {
        case 1: sparseChunkAvx512<1>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        case 2: sparseChunkAvx512<2>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        case 3: sparseChunkAvx512<3>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
        default: sparseChunkAvx512<4>(nzIndex, nzValue, nnz, b, n, j0, cRow, accumulate); break;
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
