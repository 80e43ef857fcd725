// AVX-512 kernels: a 12×32 micro-kernel (24 accumulators of the 32 zmm registers) and a
// zero-skipping row kernel that keeps up to 64 columns of a C row in registers.
#include "simd_level.h"
#include "gemm_kernels.h"

#if defined(BP_HAVE_X86_KERNELS)
#include <immintrin.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace bp {

namespace {

constexpr int kMr = 12;
constexpr int kNr = 32;

BP_TARGET_AVX512 void microAvx512(int kc, const float* ap, int aStep, const float* bp, float* c, int ldc, int mrEff,
                                  int nrEff, bool accumulate) {
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
    ap += aStep;
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

BP_TARGET_AVX512 void skippingMicroAvx512(int steps, const int* stepIndex, const float* ap, int aStep, const float* bp,
                                          float* c, int ldc, int mrEff, int nrEff, bool accumulate) {
  __m512 acc0[kMr];
  __m512 acc1[kMr];
#pragma GCC unroll 12
  for (int r = 0; r < kMr; ++r) acc0[r] = acc1[r] = _mm512_setzero_ps();
  for (int t = 0; t < steps; ++t) {
    const int q = stepIndex[t];
    const float* a = ap + static_cast<long>(q) * aStep;
    const float* b = bp + q * kNr;
    const __m512 b0 = _mm512_loadu_ps(b);
    const __m512 b1 = _mm512_loadu_ps(b + 16);
#pragma GCC unroll 12
    for (int r = 0; r < kMr; ++r) {
      const __m512 av = _mm512_set1_ps(a[r]);
      acc0[r] = _mm512_fmadd_ps(av, b0, acc0[r]);
      acc1[r] = _mm512_fmadd_ps(av, b1, acc1[r]);
    }
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

BP_TARGET_AVX512 int nonzeroStepsAvx512(const float* ap, int aStep, int kc, int* stepIndex) {
  const __mmask16 strip = static_cast<__mmask16>((1u << kMr) - 1);
  int steps = 0;
  for (int q = 0; q < kc; ++q) {
    const __m512 v = _mm512_maskz_loadu_ps(strip, ap + static_cast<long>(q) * aStep);
    stepIndex[steps] = q;
    steps += _mm512_mask_cmp_ps_mask(strip, v, _mm512_setzero_ps(), _CMP_NEQ_UQ) != 0;
  }
  return steps;
}

BP_TARGET_AVX512 inline __mmask16 columnMask(int columnsLeft) {
  if (columnsLeft >= 16) return 0xFFFF;
  if (columnsLeft <= 0) return 0;
  return static_cast<__mmask16>((1u << columnsLeft) - 1);
}

// C row chunk of up to 16·V columns (+)= Σ over the nonzeros of the A row of value · B row chunk.
// nzOffset holds each nonzero's B row offset (column index · n); only the last vector is partial.
// Dense (no nzOffset): every column of the A row, nzValue being the row itself.
template <int V, bool Dense>
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
    const float* bRow0 = bChunk + (Dense ? static_cast<long>(q) * n : nzOffset[q]);
    const float* bRow1 = bChunk + (Dense ? static_cast<long>(q + 1) * n : nzOffset[q + 1]);
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
    const float* bRow = bChunk + (Dense ? static_cast<long>(q) * n : nzOffset[q]);
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

template <bool Dense>
BP_TARGET_AVX512 void rowsAvx512(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd, int n,
                                 int k, bool accumulate) {
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
    const float* aRow = a + static_cast<long>(i) * lda;
    const int nnz = Dense ? k : compressNonzeros(aRow, k, n, nzIndex, nzValue);
    const float* values = Dense ? aRow : nzValue;
    float* cRow = c + static_cast<long>(i) * n;
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int vectors = (n - j0 >= 64) ? 4 : (n - j0 + 15) / 16;
      switch (vectors) {
        case 1: sparseChunkAvx512<1, Dense>(nzIndex, values, nnz, b, n, j0, cRow, accumulate); break;
        case 2: sparseChunkAvx512<2, Dense>(nzIndex, values, nnz, b, n, j0, cRow, accumulate); break;
        case 3: sparseChunkAvx512<3, Dense>(nzIndex, values, nnz, b, n, j0, cRow, accumulate); break;
        default: sparseChunkAvx512<4, Dense>(nzIndex, values, nnz, b, n, j0, cRow, accumulate); break;
      }
    }
  }
}

BP_TARGET_AVX512 void sparseRowsAvx512(const float* a, int lda, const float* b, float* c, int rowBegin, int rowEnd,
                                       int n, int k, bool accumulate, bool skipZeros) {
  if (skipZeros) {
    rowsAvx512<false>(a, lda, b, c, rowBegin, rowEnd, n, k, accumulate);
  } else {
    rowsAvx512<true>(a, lda, b, c, rowBegin, rowEnd, n, k, accumulate);
  }
}

// Up to 64 columns of a B row in registers, added into the C rows its A row's nonzeros pick. The
// C rows are padded to whole vectors (ldc): with rows of, say, 50 floats a masked store to one row
// would share a vector's span with the next row's load, and neighbouring pixels are nonzero together.
template <int V>
BP_TARGET_AVX512 void outerChunkAvx512(const int* nzIndex, const float* nzValue, int nnz, const float* bRow, float* c,
                                       int n, int ldc, int j0) {
  const __mmask16 last = columnMask(n - j0 - 16 * (V - 1));
  __m512 bv[V];
#pragma GCC unroll 4
  for (int v = 0; v < V - 1; ++v) bv[v] = _mm512_loadu_ps(bRow + j0 + 16 * v);
  bv[V - 1] = _mm512_maskz_loadu_ps(last, bRow + j0 + 16 * (V - 1));
  for (int q = 0; q < nnz; ++q) {
    float* cRow = c + static_cast<long>(nzIndex[q]) * ldc + j0;
    const __m512 a = _mm512_set1_ps(nzValue[q]);
#pragma GCC unroll 4
    for (int v = 0; v < V; ++v) _mm512_store_ps(cRow + 16 * v, _mm512_fmadd_ps(a, bv[v], _mm512_load_ps(cRow + 16 * v)));
  }
}

BP_TARGET_AVX512 void sparseOuterAvx512(const float* a, const float* b, float* c, int m, int n, int k) {
  thread_local std::vector<int> indexBuffer;
  thread_local std::vector<float> valueBuffer;
  thread_local std::vector<int> rowStartBuffer;
  thread_local std::vector<float> paddedBuffer;
  const int ldc = (n + 15) / 16 * 16;
  // The nonzeros of every row of A, compressed once (CSR), then visited block by block.
  indexBuffer.resize(static_cast<size_t>(k) * m + 16);
  valueBuffer.resize(static_cast<size_t>(k) * m + 16);
  rowStartBuffer.resize(static_cast<size_t>(k) + 1);
  int* nzIndex = indexBuffer.data();
  float* nzValue = valueBuffer.data();
  int* rowStart = rowStartBuffer.data();
  long total = 0;
  for (int r = 0; r < k; ++r) {
    rowStart[r] = static_cast<int>(total);
    // Offsets of 1 (not n): the indices are C rows here.
    total += compressNonzeros(a + static_cast<long>(r) * m, m, 1, nzIndex + total, nzValue + total);
  }
  rowStart[k] = static_cast<int>(total);
  // 64-byte aligned start for the aligned loads and stores.
  paddedBuffer.assign(static_cast<size_t>(m) * ldc + 16, 0.0f);
  float* padded = paddedBuffer.data();
  padded += (16 - (reinterpret_cast<uintptr_t>(padded) / sizeof(float)) % 16) % 16;
  thread_local std::vector<int> cursorBuffer;
  cursorBuffer.assign(rowStart, rowStart + k);
  int* cursor = cursorBuffer.data();
  // Blocks of C rows that stay in L1 while every row of A and B passes over them.
  const int blockRows = std::max(16, 32768 / (static_cast<int>(sizeof(float)) * ldc));
  for (int i0 = 0; i0 < m; i0 += blockRows) {
    const int i1 = std::min(m, i0 + blockRows);
    for (int r = 0; r < k; ++r) {
      const int begin = cursor[r];
      int end = begin;
      while (end < rowStart[r + 1] && nzIndex[end] < i1) ++end;
      cursor[r] = end;
      if (end == begin) continue;
      const float* bRow = b + static_cast<long>(r) * n;
      for (int j0 = 0; j0 < n; j0 += 64) {
        const int vectors = (n - j0 >= 64) ? 4 : (n - j0 + 15) / 16;
        const int* idx = nzIndex + begin;
        const float* val = nzValue + begin;
        const int count = end - begin;
        switch (vectors) {
          case 1: outerChunkAvx512<1>(idx, val, count, bRow, padded, n, ldc, j0); break;
          case 2: outerChunkAvx512<2>(idx, val, count, bRow, padded, n, ldc, j0); break;
          case 3: outerChunkAvx512<3>(idx, val, count, bRow, padded, n, ldc, j0); break;
          default: outerChunkAvx512<4>(idx, val, count, bRow, padded, n, ldc, j0); break;
        }
      }
    }
  }
  for (int i = 0; i < m; ++i) std::memcpy(c + static_cast<long>(i) * n, padded + static_cast<long>(i) * ldc, sizeof(float) * n);
}

}  // namespace

const GemmKernels& avx512GemmKernels() {
  static const GemmKernels kernels{kMr, kNr, microAvx512, sparseRowsAvx512, sparseOuterAvx512, skippingMicroAvx512,
                                    nonzeroStepsAvx512};
  return kernels;
}

}  // namespace bp

#endif
