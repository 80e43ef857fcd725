#include "mlp.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "flush_denormals.h"
#include "simd_level.h"
#include "thread_pool.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>
#endif

namespace bp {

namespace {

constexpr double kMomentum = 0.9;
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
// Rows per forward pass in an accuracy pass: the scratch of a chunk stays in cache.
constexpr int kEvaluationChunk = 64;
// From this many rows a step runs its first layer on two pool tasks (the product by halves of the
// rows, the weight gradient by halves of the pixels).
constexpr int kParallelRows = 32;
constexpr int kMaxTasks = 8;

// Compressed rows: row r's nonzero entries are index/value[rowStart[r] .. rowEnd[r]), ascending.
struct Csr {
  const int32_t* rowStart;
  const int32_t* rowEnd;
  const int32_t* index;
  const float* value;
};

// out[r, :] += Σ value · w[index, :] over row r's entries (w is rows × n).
using CsrTimesDense = void (*)(const Csr& a, int rows, const float* w, int n, float* out);
void csrTimesDenseScalar(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    float* o = out + static_cast<size_t>(r) * n;
    for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
      const float v = a.value[i];
      const float* wr = w + static_cast<size_t>(a.index[i]) * n;
      for (int j = 0; j < n; ++j) o[j] += v * wr[j];
    }
  }
}

#if BP_HAVE_X86_KERNELS

// The accumulators of a column block stay in registers across a row's entries: B full vectors and
// a masked tail of `rem` lanes (the hidden layer is 50 wide).
alignas(32) const int32_t kTailMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

// Named accumulators (an array of them was kept in memory by GCC, a store per FMA).
#define BP_EACH_BLOCK(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)

template <int B>
BP_TARGET_AVX2 void rowBlockAvx2(const Csr& a, int r, const float* w, int n, int j0, int rem, float* o) {
  const __m256i mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMask + 8 - rem));
#define BP_ZERO(b) __m256 acc##b = B > b ? _mm256_loadu_ps(o + j0 + 8 * b) : _mm256_setzero_ps();
  BP_EACH_BLOCK(BP_ZERO)
  __m256 tail = _mm256_maskload_ps(o + j0 + 8 * B, mask);
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m256 v = _mm256_set1_ps(a.value[i]);
    const float* wr = w + static_cast<size_t>(a.index[i]) * n + j0;
#define BP_FMA(b) \
  if constexpr (B > b) acc##b = _mm256_fmadd_ps(v, _mm256_loadu_ps(wr + 8 * b), acc##b);
    BP_EACH_BLOCK(BP_FMA)
    // Unconditional: an empty mask loads zeros.
    tail = _mm256_fmadd_ps(v, _mm256_maskload_ps(wr + 8 * B, mask), tail);
  }
#define BP_STORE(b) \
  if constexpr (B > b) _mm256_storeu_ps(o + j0 + 8 * b, acc##b);
  BP_EACH_BLOCK(BP_STORE)
  _mm256_maskstore_ps(o + j0 + 8 * B, mask, tail);
#undef BP_ZERO
#undef BP_FMA
#undef BP_STORE
}

using RowKernel = void (*)(const Csr&, int, const float*, int, int, int, float*);
const RowKernel kBlockAvx2[9] = {rowBlockAvx2<0>, rowBlockAvx2<1>, rowBlockAvx2<2>, rowBlockAvx2<3>, rowBlockAvx2<4>,
                                 rowBlockAvx2<5>, rowBlockAvx2<6>, rowBlockAvx2<7>, rowBlockAvx2<8>};

template <int B>
BP_TARGET_AVX512 void rowBlockAvx512(const Csr& a, int r, const float* w, int n, int j0, int rem, float* o) {
  const __mmask16 mask = static_cast<__mmask16>((1u << rem) - 1u);
#define BP_ZERO(b) __m512 acc##b = B > b ? _mm512_loadu_ps(o + j0 + 16 * b) : _mm512_setzero_ps();
  BP_EACH_BLOCK(BP_ZERO)
  __m512 tail = _mm512_maskz_loadu_ps(mask, o + j0 + 16 * B);
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m512 v = _mm512_set1_ps(a.value[i]);
    const float* wr = w + static_cast<size_t>(a.index[i]) * n + j0;
#define BP_FMA(b) \
  if constexpr (B > b) acc##b = _mm512_fmadd_ps(v, _mm512_loadu_ps(wr + 16 * b), acc##b);
    BP_EACH_BLOCK(BP_FMA)
    tail = _mm512_fmadd_ps(v, _mm512_maskz_loadu_ps(mask, wr + 16 * B), tail);
  }
#define BP_STORE(b) \
  if constexpr (B > b) _mm512_storeu_ps(o + j0 + 16 * b, acc##b);
  BP_EACH_BLOCK(BP_STORE)
  _mm512_mask_storeu_ps(o + j0 + 16 * B, mask, tail);
#undef BP_ZERO
#undef BP_FMA
#undef BP_STORE
}

const RowKernel kBlockAvx512[9] = {rowBlockAvx512<0>, rowBlockAvx512<1>, rowBlockAvx512<2>, rowBlockAvx512<3>,
                                   rowBlockAvx512<4>, rowBlockAvx512<5>, rowBlockAvx512<6>, rowBlockAvx512<7>,
                                   rowBlockAvx512<8>};

void csrTimesDenseAvx2(const Csr& a, int rows, const float* w, int n, float* out) {
  // Each block's kernel writes its columns of row r from the accumulators.
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int width = std::min(64, n - j0);
      kBlockAvx2[width / 8](a, r, w, n, j0, width % 8, out + static_cast<size_t>(r) * n);
    }
  }
}
void csrTimesDenseAvx512(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 128) {
      const int width = std::min(128, n - j0);
      kBlockAvx512[width / 16](a, r, w, n, j0, width % 16, out + static_cast<size_t>(r) * n);
    }
  }
}

#endif


// A batch's images as rows of their lit pixels (ascending), each read from cursor[r] to limit[r].
struct ImageRows {
  const uint16_t* pixel;
  const uint8_t* value;
  const float* table;
  size_t* cursor;
  const size_t* limit;
  int count;
};
// out[r, :] += Σ value · w[pixel, :] over row r's entries with pixel in [firstPixel, endPixel)
// (out stride-padded and aligned); the cursors advance past them.
using ImageRowsKernel = void (*)(const ImageRows&, int, int, const float*, int, int, float*);

// The portable image-rows kernel (compiled for AVX2 as well, where the compiler vectorises the
// inner loop).
inline void imageRowsGeneric(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n, int stride,
                             float* out) {
  (void)firstPixel;
  for (int r = 0; r < a.count; ++r) {
    float* o = out + static_cast<size_t>(r) * stride;
    size_t j = a.cursor[r];
    for (; j < a.limit[r] && a.pixel[j] < endPixel; ++j) {
      const float v = a.table[a.value[j]];
      const float* wk = w + static_cast<size_t>(a.pixel[j]) * n;
      for (int c = 0; c < n; ++c) o[c] += v * wk[c];
    }
    a.cursor[r] = j;
  }
}
void imageRowsScalar(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n, int stride, float* out) {
  imageRowsGeneric(a, firstPixel, endPixel, w, n, stride, out);
}
#if BP_HAVE_X86_KERNELS
BP_TARGET_AVX2 void imageRowsAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n, int stride,
                                  float* out) {
  imageRowsGeneric(a, firstPixel, endPixel, w, n, stride, out);
}
#endif

// How a first-layer weight gradient is written: g[k, :] = acc, or, when `from` is given (plain
// SGD), to[k, :] = from[k, :] − lr · acc (a product, then a difference: the optimizer's rounding).
struct GradientOut {
  float* g;
  const float* from;
  float* to;
  float lr;
};
// The weight gradient of the pixels [firstPixel, endPixel): acc[k, :] = Σ_r value · d[r, :] over the
// rows r whose image has pixel k lit (rows ascending), written as `out` says (pixels lit in no row
// get acc = 0). The batch's entries are first scattered into `grid`, a pixel-major byte matrix
// (row k − firstPixel holds pixel k's uint8 value in each batch row, gridStride bytes per pixel,
// 64-byte aligned, all zero between calls): then each pixel's sum runs in registers over the
// nonzero bytes of its row (a read-modify-write of gradient rows per entry cost more, and so did a
// counting sort into columns). d has `stride` columns (n padded to whole lines, aligned, the
// padding zero); the cursors advance past the entries used.
using GridGradientKernel = void (*)(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                    int stride, uint8_t* grid, int gridStride, const GradientOut& out);

inline void scatterIntoGrid(const ImageRows& a, int firstPixel, int endPixel, uint8_t* grid, int gridStride) {
  for (int r = 0; r < a.count; ++r) {
    size_t j = a.cursor[r];
    for (; j < a.limit[r] && a.pixel[j] < endPixel; ++j)
      grid[static_cast<size_t>(a.pixel[j] - firstPixel) * gridStride + r] = a.value[j];
    a.cursor[r] = j;
  }
}

inline void gridGradientGeneric(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n, int stride,
                                uint8_t* grid, int gridStride, const GradientOut& out) {
  scatterIntoGrid(a, firstPixel, endPixel, grid, gridStride);
  std::vector<float> acc(static_cast<size_t>(n));
  for (int k = firstPixel; k < endPixel; ++k) {
    uint8_t* row = grid + static_cast<size_t>(k - firstPixel) * gridStride;
    std::fill(acc.begin(), acc.end(), 0.0f);
    for (int r = 0; r < a.count; ++r) {
      if (!row[r]) continue;
      const float v = a.table[row[r]];
      const float* dr = d + static_cast<size_t>(r) * stride;
      for (int c = 0; c < n; ++c) acc[c] += v * dr[c];
      row[r] = 0;
    }
    const size_t at = static_cast<size_t>(k) * n;
    if (out.from) {
      for (int c = 0; c < n; ++c) out.to[at + c] = out.from[at + c] - out.lr * acc[c];
    } else {
      std::copy(acc.begin(), acc.end(), out.g + at);
    }
  }
}
void gridGradientScalar(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n, int stride,
                        uint8_t* grid, int gridStride, const GradientOut& out) {
  gridGradientGeneric(a, firstPixel, endPixel, d, n, stride, grid, gridStride, out);
}
#if BP_HAVE_X86_KERNELS
BP_TARGET_AVX2 void gridGradientAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                     int stride, uint8_t* grid, int gridStride, const GradientOut& out) {
  gridGradientGeneric(a, firstPixel, endPixel, d, n, stride, grid, gridStride, out);
}
#endif

#if BP_HAVE_X86_KERNELS

// Rows of images (each image's lit pixels ascending, from cursor[r] up to limit[r]) times w (n ≤ 64
// columns), added into out (stride-padded, aligned rows), one block of 256 pixels at a time (the
// block's 64 KB of w stay close while every image's entries in the block are summed into
// registers; 256 measured best of 64 to 800): an output row is read and written once per block
// (pixel-major with the output rows in memory cost twice as much). Each row's sum runs over its
// pixels in ascending order, so blocks change nothing in the result.
template <int V>
BP_TARGET_AVX512 void imageRowsByBlocksAvx512(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n,
                                              int stride, float* out) {
  constexpr int kBlock = 256;
  const int rem = n - 16 * (V - 1);
  const __mmask16 last = static_cast<__mmask16>(rem >= 16 ? 0xffffu : (1u << rem) - 1u);
  for (int b0 = firstPixel; b0 < endPixel; b0 += kBlock) {
    const int b1 = std::min(endPixel, b0 + kBlock);
    for (int r = 0; r < a.count; ++r) {
      size_t j = a.cursor[r];
      const size_t limit = a.limit[r];
      if (j >= limit || a.pixel[j] >= b1) continue;
      float* o = out + static_cast<size_t>(r) * stride;
#define BP_LOAD(b) __m512 acc##b = V > b ? _mm512_load_ps(o + 16 * b) : _mm512_setzero_ps();
      BP_EACH_BLOCK(BP_LOAD)
      do {
        const __m512 v = _mm512_set1_ps(a.table[a.value[j]]);
        const float* wk = w + static_cast<size_t>(a.pixel[j]) * n;
#define BP_FMA(b)                                                                                   \
  if constexpr (V > b)                                                                              \
    acc##b = _mm512_fmadd_ps(v, V - 1 == b ? _mm512_maskz_loadu_ps(last, wk + 16 * b) : _mm512_loadu_ps(wk + 16 * b), acc##b);
        BP_EACH_BLOCK(BP_FMA)
        ++j;
      } while (j < limit && a.pixel[j] < b1);
#define BP_STORE(b) \
  if constexpr (V > b) _mm512_store_ps(o + 16 * b, acc##b);
      BP_EACH_BLOCK(BP_STORE)
      a.cursor[r] = j;
    }
  }
#undef BP_LOAD
#undef BP_FMA
#undef BP_STORE
}
const ImageRowsKernel kImageRowsAvx512[5] = {nullptr, imageRowsByBlocksAvx512<1>, imageRowsByBlocksAvx512<2>,
                                             imageRowsByBlocksAvx512<3>, imageRowsByBlocksAvx512<4>};

// The grid gradient kernel with n ≤ 64: a pixel's sum in V registers; its row's nonzero bytes
// found 32 at a time (AVX2 byte compares: the level does not require AVX-512BW).
template <int V>
BP_TARGET_AVX512 void gridGradientAvx512(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                         int stride, uint8_t* grid, int gridStride, const GradientOut& out) {
  scatterIntoGrid(a, firstPixel, endPixel, grid, gridStride);
  const int rem = n - 16 * (V - 1);
  const __mmask16 last = static_cast<__mmask16>(rem >= 16 ? 0xffffu : (1u << rem) - 1u);
  const __m512 lr = _mm512_set1_ps(out.lr);
  const __m256i zero = _mm256_setzero_si256();
  for (int k = firstPixel; k < endPixel; ++k) {
    uint8_t* row = grid + static_cast<size_t>(k - firstPixel) * gridStride;
#define BP_ZERO(b) __m512 acc##b = _mm512_setzero_ps();
    BP_EACH_BLOCK(BP_ZERO)
    for (int r0 = 0; r0 < a.count; r0 += 32) {
      __m256i* bytes = reinterpret_cast<__m256i*>(row + r0);
      uint32_t lit = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_load_si256(bytes), zero)));
      if (!lit) continue;
      while (lit) {
        const int r = r0 + __builtin_ctz(lit);
        lit &= lit - 1;
        const __m512 v = _mm512_set1_ps(a.table[row[r]]);
        const float* dr = d + static_cast<size_t>(r) * stride;
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = _mm512_fmadd_ps(v, _mm512_load_ps(dr + 16 * b), acc##b);
        BP_EACH_BLOCK(BP_FMA)
      }
      _mm256_store_si256(bytes, zero);
    }
    const size_t at = static_cast<size_t>(k) * n;
#define BP_OUT(b)                                                                                         \
  if constexpr (V > b) {                                                                                  \
    const __mmask16 m = V - 1 == b ? last : static_cast<__mmask16>(0xffffu);                              \
    if (out.from)                                                                                         \
      _mm512_mask_storeu_ps(out.to + at + 16 * b, m,                                                      \
                            _mm512_sub_ps(_mm512_maskz_loadu_ps(m, out.from + at + 16 * b), _mm512_mul_ps(lr, acc##b))); \
    else                                                                                                  \
      _mm512_mask_storeu_ps(out.g + at + 16 * b, m, acc##b);                                              \
  }
    BP_EACH_BLOCK(BP_OUT)
  }
#undef BP_ZERO
#undef BP_FMA
#undef BP_OUT
}
const GridGradientKernel kGridGradientAvx512[5] = {nullptr, gridGradientAvx512<1>, gridGradientAvx512<2>,
                                                   gridGradientAvx512<3>, gridGradientAvx512<4>};

// The image-rows and grid gradient kernels at AVX2 for n a multiple of 8 up to 64 (the first layer's
// padded width): V ymm per row, no tails.
template <int V>
BP_TARGET_AVX2 void imageRowsByBlocksAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n,
                                          int stride, float* out) {
  constexpr int kBlock = 256;
  for (int b0 = firstPixel; b0 < endPixel; b0 += kBlock) {
    const int b1 = std::min(endPixel, b0 + kBlock);
    for (int r = 0; r < a.count; ++r) {
      size_t j = a.cursor[r];
      const size_t limit = a.limit[r];
      if (j >= limit || a.pixel[j] >= b1) continue;
      float* o = out + static_cast<size_t>(r) * stride;
#define BP_LOAD(b) __m256 acc##b = V > b ? _mm256_load_ps(o + 8 * b) : _mm256_setzero_ps();
      BP_EACH_BLOCK(BP_LOAD)
      do {
        const __m256 v = _mm256_set1_ps(a.table[a.value[j]]);
        const float* wk = w + static_cast<size_t>(a.pixel[j]) * n;
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = _mm256_fmadd_ps(v, _mm256_loadu_ps(wk + 8 * b), acc##b);
        BP_EACH_BLOCK(BP_FMA)
        ++j;
      } while (j < limit && a.pixel[j] < b1);
#define BP_STORE(b) \
  if constexpr (V > b) _mm256_store_ps(o + 8 * b, acc##b);
      BP_EACH_BLOCK(BP_STORE)
      a.cursor[r] = j;
    }
  }
#undef BP_LOAD
#undef BP_FMA
#undef BP_STORE
}
const ImageRowsKernel kImageRowsAvx2[9] = {nullptr,
                                           imageRowsByBlocksAvx2<1>,
                                           imageRowsByBlocksAvx2<2>,
                                           imageRowsByBlocksAvx2<3>,
                                           imageRowsByBlocksAvx2<4>,
                                           imageRowsByBlocksAvx2<5>,
                                           imageRowsByBlocksAvx2<6>,
                                           imageRowsByBlocksAvx2<7>,
                                           imageRowsByBlocksAvx2<8>};

template <int V>
BP_TARGET_AVX2 void gridGradientByRowsAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                           int stride, uint8_t* grid, int gridStride, const GradientOut& out) {
  scatterIntoGrid(a, firstPixel, endPixel, grid, gridStride);
  const __m256 lr = _mm256_set1_ps(out.lr);
  const __m256i zero = _mm256_setzero_si256();
  for (int k = firstPixel; k < endPixel; ++k) {
    uint8_t* row = grid + static_cast<size_t>(k - firstPixel) * gridStride;
#define BP_ZERO(b) __m256 acc##b = _mm256_setzero_ps();
    BP_EACH_BLOCK(BP_ZERO)
    for (int r0 = 0; r0 < a.count; r0 += 32) {
      __m256i* bytes = reinterpret_cast<__m256i*>(row + r0);
      uint32_t lit = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_load_si256(bytes), zero)));
      if (!lit) continue;
      while (lit) {
        const int r = r0 + __builtin_ctz(lit);
        lit &= lit - 1;
        const __m256 v = _mm256_set1_ps(a.table[row[r]]);
        const float* dr = d + static_cast<size_t>(r) * stride;
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = _mm256_fmadd_ps(v, _mm256_load_ps(dr + 8 * b), acc##b);
        BP_EACH_BLOCK(BP_FMA)
      }
      _mm256_store_si256(bytes, zero);
    }
    const size_t at = static_cast<size_t>(k) * n;
#define BP_OUT(b)                                                                                                \
  if constexpr (V > b) {                                                                                         \
    if (out.from)                                                                                                \
      _mm256_storeu_ps(out.to + at + 8 * b, _mm256_sub_ps(_mm256_loadu_ps(out.from + at + 8 * b), _mm256_mul_ps(lr, acc##b))); \
    else                                                                                                         \
      _mm256_storeu_ps(out.g + at + 8 * b, acc##b);                                                              \
  }
    BP_EACH_BLOCK(BP_OUT)
  }
#undef BP_ZERO
#undef BP_FMA
#undef BP_OUT
}
const GridGradientKernel kGridGradientAvx2[9] = {nullptr,
                                                 gridGradientByRowsAvx2<1>,
                                                 gridGradientByRowsAvx2<2>,
                                                 gridGradientByRowsAvx2<3>,
                                                 gridGradientByRowsAvx2<4>,
                                                 gridGradientByRowsAvx2<5>,
                                                 gridGradientByRowsAvx2<6>,
                                                 gridGradientByRowsAvx2<7>,
                                                 gridGradientByRowsAvx2<8>};


#endif

// g[k, :] += Σ_r a[r, k] · d[r, :] for a hidden layer's input a (rows × m) and its output
// gradient d (rows × n, n small), r ascending.
using SmallGradient = void (*)(const float* a, int rows, int m, const float* d, int n, float* g);

void smallGradientScalar(const float* a, int rows, int m, const float* d, int n, float* g) {
  for (int r = 0; r < rows; ++r) {
    const float* dr = d + static_cast<size_t>(r) * n;
    for (int k = 0; k < m; ++k) {
      const float v = a[static_cast<size_t>(r) * m + k];
      if (v == 0.0f) continue;
      float* gk = g + static_cast<size_t>(k) * n;
      for (int j = 0; j < n; ++j) gk[j] += v * dr[j];
    }
  }
}

#if BP_HAVE_X86_KERNELS
// n ≤ 16: each gradient row is one register, four rows at a time (four independent chains).
BP_TARGET_AVX512 void smallGradientAvx512(const float* a, int rows, int m, const float* d, int n, float* g) {
  if (n > 16) {
    smallGradientScalar(a, rows, m, d, n, g);
    return;
  }
  const __mmask16 mask = static_cast<__mmask16>((1u << n) - 1u);
  int k = 0;
  for (; k + 4 <= m; k += 4) {
    __m512 g0 = _mm512_maskz_loadu_ps(mask, g + static_cast<size_t>(k) * n);
    __m512 g1 = _mm512_maskz_loadu_ps(mask, g + static_cast<size_t>(k + 1) * n);
    __m512 g2 = _mm512_maskz_loadu_ps(mask, g + static_cast<size_t>(k + 2) * n);
    __m512 g3 = _mm512_maskz_loadu_ps(mask, g + static_cast<size_t>(k + 3) * n);
    for (int r = 0; r < rows; ++r) {
      const __m512 dr = _mm512_maskz_loadu_ps(mask, d + static_cast<size_t>(r) * n);
      const float* ar = a + static_cast<size_t>(r) * m + k;
      g0 = _mm512_fmadd_ps(_mm512_set1_ps(ar[0]), dr, g0);
      g1 = _mm512_fmadd_ps(_mm512_set1_ps(ar[1]), dr, g1);
      g2 = _mm512_fmadd_ps(_mm512_set1_ps(ar[2]), dr, g2);
      g3 = _mm512_fmadd_ps(_mm512_set1_ps(ar[3]), dr, g3);
    }
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k) * n, mask, g0);
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k + 1) * n, mask, g1);
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k + 2) * n, mask, g2);
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k + 3) * n, mask, g3);
  }
  for (; k < m; ++k) {
    __m512 g0 = _mm512_maskz_loadu_ps(mask, g + static_cast<size_t>(k) * n);
    for (int r = 0; r < rows; ++r)
      g0 = _mm512_fmadd_ps(_mm512_set1_ps(a[static_cast<size_t>(r) * m + k]),
                           _mm512_maskz_loadu_ps(mask, d + static_cast<size_t>(r) * n), g0);
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k) * n, mask, g0);
  }
}

// z[r, :] = Σ_k a[r, k] · w[k, :] for a hidden layer's output a (rows × m) and n ≤ 16 (the class
// scores): each row's sum in one register, four rows at a time (four independent chains), k
// ascending. Zero inputs are not skipped (which changes at most the sign of a zero).
BP_TARGET_AVX512 void smallTimesDenseAvx512(const float* a, int rows, int m, const float* w, int n, float* z) {
  const __mmask16 mask = static_cast<__mmask16>((1u << n) - 1u);
  int r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float* a0 = a + static_cast<size_t>(r) * m;
    __m512 z0 = _mm512_setzero_ps(), z1 = z0, z2 = z0, z3 = z0;
    for (int k = 0; k < m; ++k) {
      const __m512 wk = _mm512_maskz_loadu_ps(mask, w + static_cast<size_t>(k) * n);
      z0 = _mm512_fmadd_ps(_mm512_set1_ps(a0[k]), wk, z0);
      z1 = _mm512_fmadd_ps(_mm512_set1_ps(a0[m + k]), wk, z1);
      z2 = _mm512_fmadd_ps(_mm512_set1_ps(a0[2 * m + k]), wk, z2);
      z3 = _mm512_fmadd_ps(_mm512_set1_ps(a0[3 * m + k]), wk, z3);
    }
    float* out = z + static_cast<size_t>(r) * n;
    _mm512_mask_storeu_ps(out, mask, z0);
    _mm512_mask_storeu_ps(out + n, mask, z1);
    _mm512_mask_storeu_ps(out + 2 * n, mask, z2);
    _mm512_mask_storeu_ps(out + 3 * n, mask, z3);
  }
  for (; r < rows; ++r) {
    __m512 z0 = _mm512_setzero_ps();
    for (int k = 0; k < m; ++k)
      z0 = _mm512_fmadd_ps(_mm512_set1_ps(a[static_cast<size_t>(r) * m + k]),
                           _mm512_maskz_loadu_ps(mask, w + static_cast<size_t>(k) * n), z0);
    _mm512_mask_storeu_ps(z + static_cast<size_t>(r) * n, mask, z0);
  }
}

// The backward pass from the second layer into the first, fused, for a first layer m ≤ 64 wide: for
// each row r, da = Σ_j dAbove[r, j] · wT[j, :] (j ascending), then dz = the activation's derivative
// applied (relu: z > 0 ? da : 0; sigmoid: da · y · (1 − y); none: da) into out's row (stride
// floats, aligned; padding zero) and db += dz (rows ascending; db starts at zero). wT holds W's
// columns as nAbove rows of `stride` floats (padding zero); z and y are rows × m. The same sums
// in the same order as the separate loops.
using FirstLayerBackwardKernel = void (*)(const float* dAbove, int rows, int nAbove, const float* wT, const float* z,
                                          const float* y, int m, int stride, MlpActivation activation, float* out,
                                          float* db);
template <int V>
BP_TARGET_AVX512 void firstLayerBackwardAvx512(const float* dAbove, int rows, int nAbove, const float* wT,
                                               const float* z, const float* y, int m, int stride,
                                               MlpActivation activation, float* out, float* db) {
  const int rem = m - 16 * (V - 1);
  const __mmask16 last = static_cast<__mmask16>(rem >= 16 ? 0xffffu : (1u << rem) - 1u);
  const __m512 zero = _mm512_setzero_ps();
  const __m512 one = _mm512_set1_ps(1.0f);
#define BP_ZERO(b) __m512 bias##b = zero;
  BP_EACH_BLOCK(BP_ZERO)
  for (int r = 0; r < rows; ++r) {
#define BP_ACC(b) __m512 acc##b = zero;
    BP_EACH_BLOCK(BP_ACC)
    const float* dr = dAbove + static_cast<size_t>(r) * nAbove;
    for (int j = 0; j < nAbove; ++j) {
      const __m512 v = _mm512_set1_ps(dr[j]);
      const float* wj = wT + static_cast<size_t>(j) * stride;
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = _mm512_fmadd_ps(v, _mm512_load_ps(wj + 16 * b), acc##b);
      BP_EACH_BLOCK(BP_FMA)
    }
    const size_t at = static_cast<size_t>(r) * m;
    float* o = out + static_cast<size_t>(r) * stride;
#define BP_OUT(b)                                                                                         \
  if constexpr (V > b) {                                                                                  \
    const __mmask16 lanes = V - 1 == b ? last : static_cast<__mmask16>(0xffffu);                          \
    __m512 dz = acc##b;                                                                                   \
    if (activation == MlpActivation::Relu) {                                                              \
      const __m512 zb = _mm512_maskz_loadu_ps(lanes, z + at + 16 * b);                                   \
      dz = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(zb, zero, _CMP_GT_OQ), acc##b);                         \
    } else if (activation == MlpActivation::Sigmoid) {                                                    \
      const __m512 yb = _mm512_maskz_loadu_ps(lanes, y + at + 16 * b);                                   \
      dz = _mm512_mul_ps(_mm512_mul_ps(acc##b, yb), _mm512_sub_ps(one, yb));                              \
    }                                                                                                     \
    _mm512_store_ps(o + 16 * b, dz);                                                                      \
    bias##b = _mm512_add_ps(bias##b, dz);                                                                 \
  }
    BP_EACH_BLOCK(BP_OUT)
  }
#define BP_DB(b) \
  if constexpr (V > b) _mm512_mask_storeu_ps(db + 16 * b, V - 1 == b ? last : static_cast<__mmask16>(0xffffu), bias##b);
  BP_EACH_BLOCK(BP_DB)
#undef BP_ZERO
#undef BP_ACC
#undef BP_FMA
#undef BP_OUT
#undef BP_DB
}
const FirstLayerBackwardKernel kFirstLayerBackwardAvx512[5] = {nullptr, firstLayerBackwardAvx512<1>,
                                                               firstLayerBackwardAvx512<2>, firstLayerBackwardAvx512<3>,
                                                               firstLayerBackwardAvx512<4>};

// n ≤ 16: as above with two ymm per gradient row.
BP_TARGET_AVX2 void smallGradientAvx2(const float* a, int rows, int m, const float* d, int n, float* g) {
  if (n > 16) {
    smallGradientScalar(a, rows, m, d, n, g);
    return;
  }
  const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMask + 8 - std::min(n, 8)));
  const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMask + 8 - std::max(n - 8, 0)));
  int k = 0;
  for (; k + 2 <= m; k += 2) {
    float* ga = g + static_cast<size_t>(k) * n;
    float* gb = ga + n;
    __m256 a0 = _mm256_maskload_ps(ga, lo), a1 = _mm256_maskload_ps(ga + 8, hi);
    __m256 b0 = _mm256_maskload_ps(gb, lo), b1 = _mm256_maskload_ps(gb + 8, hi);
    for (int r = 0; r < rows; ++r) {
      const float* dr = d + static_cast<size_t>(r) * n;
      const __m256 d0 = _mm256_maskload_ps(dr, lo), d1 = _mm256_maskload_ps(dr + 8, hi);
      const __m256 va = _mm256_set1_ps(a[static_cast<size_t>(r) * m + k]);
      const __m256 vb = _mm256_set1_ps(a[static_cast<size_t>(r) * m + k + 1]);
      a0 = _mm256_fmadd_ps(va, d0, a0);
      a1 = _mm256_fmadd_ps(va, d1, a1);
      b0 = _mm256_fmadd_ps(vb, d0, b0);
      b1 = _mm256_fmadd_ps(vb, d1, b1);
    }
    _mm256_maskstore_ps(ga, lo, a0);
    _mm256_maskstore_ps(ga + 8, hi, a1);
    _mm256_maskstore_ps(gb, lo, b0);
    _mm256_maskstore_ps(gb + 8, hi, b1);
  }
  for (; k < m; ++k) {
    float* ga = g + static_cast<size_t>(k) * n;
    __m256 a0 = _mm256_maskload_ps(ga, lo), a1 = _mm256_maskload_ps(ga + 8, hi);
    for (int r = 0; r < rows; ++r) {
      const float* dr = d + static_cast<size_t>(r) * n;
      const __m256 va = _mm256_set1_ps(a[static_cast<size_t>(r) * m + k]);
      a0 = _mm256_fmadd_ps(va, _mm256_maskload_ps(dr, lo), a0);
      a1 = _mm256_fmadd_ps(va, _mm256_maskload_ps(dr + 8, hi), a1);
    }
    _mm256_maskstore_ps(ga, lo, a0);
    _mm256_maskstore_ps(ga + 8, hi, a1);
  }
}
#endif

struct Kernels {
  CsrTimesDense timesDense;
  SmallGradient smallGradient;
  // The first layer's image-rows kernels for any width, and for widths of 1..8 vectors of
  // `lanes` floats (a whole number of them) where the level has them.
  ImageRowsKernel imageRows;
  GridGradientKernel gridGradient;
  const ImageRowsKernel* narrowImageRows = nullptr;
  const GridGradientKernel* narrowGridGradient = nullptr;
  int lanes = 16;
  int widest = 0;  // vectors
  // z = a · w for n ≤ 16, where the level has it; else the compressed rows of a times w.
  void (*smallTimesDense)(const float* a, int rows, int m, const float* w, int n, float* z) = nullptr;
  // By the first layer's width in vectors of 16 (1..4), where the level has them.
  const FirstLayerBackwardKernel* firstLayerBackward = nullptr;

  bool narrow(int n) const { return n <= widest * lanes && n % lanes == 0; }
  ImageRowsKernel imageRowsFor(int n) const { return narrow(n) ? narrowImageRows[n / lanes] : imageRows; }
  GridGradientKernel gridGradientFor(int n) const { return narrow(n) ? narrowGridGradient[n / lanes] : gridGradient; }
};

Kernels kernelsFor(SimdLevel level) {
#if BP_HAVE_X86_KERNELS
  if (level == SimdLevel::Avx512)
    return {csrTimesDenseAvx512, smallGradientAvx512, imageRowsAvx2, gridGradientAvx2, kImageRowsAvx512,
            kGridGradientAvx512, 16, 4, smallTimesDenseAvx512, kFirstLayerBackwardAvx512};
  if (level == SimdLevel::Avx2)
    return {csrTimesDenseAvx2, smallGradientAvx2, imageRowsAvx2, gridGradientAvx2, kImageRowsAvx2, kGridGradientAvx2, 8, 8};
#endif
  (void)level;
  return {csrTimesDenseScalar, smallGradientScalar, imageRowsScalar, gridGradientScalar};
}

// Lists the nonzero entries of a dense rows × cols matrix.
Csr compress(const float* x, int rows, int cols, MlpTrainer::Workspace& ws) {
  int32_t nz = 0;
  for (int r = 0; r < rows; ++r) {
    ws.rowStart[r] = nz;
    const float* xr = x + static_cast<size_t>(r) * cols;
    for (int k = 0; k < cols; ++k) {
      ws.index[nz] = k;
      ws.value[nz] = xr[k];
      nz += xr[k] != 0.0f;
    }
  }
  ws.rowStart[rows] = nz;
  return {ws.rowStart.data(), ws.rowStart.data() + 1, ws.index.data(), ws.value.data()};
}

// pixel → pixel / 255 (float32, correctly rounded as the backends' gatherBatch).
const float* pixelValues() {
  static const float* table = [] {
    static float values[256];
    for (int p = 0; p < 256; ++p) values[p] = static_cast<float>(p) / 255.0f;
    return values;
  }();
  return table;
}

// pixel → pixel · (1/255): within an ulp of p / 255, the value the AVX-512 level has always used
// (the other levels use pixelValues()).
const float* pixelProducts() {
  static const float* table = [] {
    static float values[256];
    for (int p = 0; p < 256; ++p) values[p] = static_cast<float>(p) * (1.0f / 255.0f);
    return values;
  }();
  return table;
}

// Pixel values for this SIMD level: p · (1/255) at AVX-512 (what that level has always used),
// p / 255 at the others.
const float* pixelTable() { return activeSimdLevel() == SimdLevel::Avx512 ? pixelProducts() : pixelValues(); }

// n rounded up to whole 64-byte lines of floats.
int paddedWidth(int n) { return (n + 15) / 16 * 16; }

// Bytes per pixel of a task's grid: the batch's rows rounded up to whole lines.
int gridStride(int rows) { return (rows + 63) / 64 * 64; }

// A byte grid of the workspace, 64-byte aligned.
uint8_t* aligned(std::vector<uint8_t>& grid) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(grid.data());
  return reinterpret_cast<uint8_t*>((p + 63) & ~static_cast<uintptr_t>(63));
}

// A wide scratch of the workspace, 64-byte aligned.
float* aligned(std::vector<float>& wide) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(wide.data());
  return reinterpret_cast<float*>((p + 63) & ~static_cast<uintptr_t>(63));
}

// Runs task(t) for t in [0, tasks) on the pool, or inline when there is one task.
void spread(int tasks, const std::function<void(int)>& task) {
  if (tasks <= 1) {
    task(0);
  } else {
    parallelFor(tasks, task);
  }
}

int argmax(const float* row, int cols) {
  int best = 0;
  for (int c = 1; c < cols; ++c)
    if (row[c] > row[best]) best = c;
  return best;
}

}  // namespace

MlpTrainer::Workspace::Workspace(const std::vector<int>& sizes, int rows)
    : rowStart(static_cast<size_t>(rows) + 1),
      wide(static_cast<size_t>(rows) * paddedWidth(sizes[1]) + 16) {
  for (Task& task : tasks) {
    task.cursor.resize(static_cast<size_t>(rows));
    task.limit.resize(static_cast<size_t>(rows));
    task.grid.resize(static_cast<size_t>(sizes[0]) * gridStride(rows) + 64);
  }
  const int widest = *std::max_element(sizes.begin() + 1, sizes.end());
  index.resize(static_cast<size_t>(rows) * widest);
  value.resize(static_cast<size_t>(rows) * widest);
  for (size_t l = 1; l < sizes.size(); ++l) {
    z.emplace_back(static_cast<size_t>(rows) * sizes[l]);
    a.emplace_back(static_cast<size_t>(rows) * sizes[l]);
  }
}

MlpTrainer::MlpTrainer(std::vector<int> sizes, std::vector<MlpActivation> activations, MlpOptimizer optimizer,
                       double learningRate, int maxRows, const float* params)
    : sizes_(std::move(sizes)),
      activations_(std::move(activations)),
      optimizer_(optimizer),
      learningRate_(learningRate),
      maxRows_(maxRows),
      total_(0),
      flatTotal_(0),
      stride0_(paddedWidth(sizes_[1])),
      ws_(sizes_, maxRows) {
  for (size_t l = 0; l + 1 < sizes_.size(); ++l) {
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l]) * (l == 0 ? stride0_ : sizes_[l + 1]);
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l + 1]);
    flatTotal_ += static_cast<size_t>(sizes_[l]) * sizes_[l + 1] + sizes_[l + 1];
  }
  offsets_.push_back(total_);
  // The first layer's W rows padded with zeros to whole lines (they stay zero under every optimizer).
  const size_t firstW = static_cast<size_t>(sizes_[0]) * sizes_[1];
  for (std::vector<float>& set : sets_) set.assign(total_ + 16, 0.0f);
  float* first = weightSet(0);
  for (int k = 0; k < sizes_[0]; ++k)
    std::copy(params + static_cast<size_t>(k) * sizes_[1], params + static_cast<size_t>(k + 1) * sizes_[1],
              first + static_cast<size_t>(k) * stride0_);
  std::copy(params + firstW, params + flatTotal_, first + offsets_[1]);
  std::copy(first, first + total_, weightSet(1));
  grads_.resize(total_);
  if (optimizer_ != MlpOptimizer::Sgd) state0_.assign(total_, 0.0f);
  if (optimizer_ == MlpOptimizer::Adam) state1_.assign(total_, 0.0f);
  for (size_t l = 1; l < sizes_.size(); ++l) dz_.emplace_back(static_cast<size_t>(maxRows) * sizes_[l]);
  da_.resize(static_cast<size_t>(maxRows) * *std::max_element(sizes_.begin() + 1, sizes_.end()));
  size_t largestHidden = 0;
  for (size_t l = 1; l + 1 < sizes_.size(); ++l) largestHidden = std::max(largestHidden, static_cast<size_t>(sizes_[l]) * sizes_[l + 1]);
  transposed_.resize(largestHidden);
  if (sizes_.size() > 2) transposedWide_.resize(static_cast<size_t>(sizes_[2]) * paddedWidth(sizes_[1]) + 16);
}

void MlpTrainer::forward(const float* weights, const ImageSet& set, const int32_t* rows, size_t firstRow, int count,
                         Workspace& ws, int tasks) const {
  const Kernels kernels = kernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  for (size_t l = 0; l < layers; ++l) {
    const int n = sizes_[l + 1];
    float* z = ws.z[l].data();
    if (l == 0) {
      if (!rows) {
        // An accuracy pass (no weight gradient to come): row by row from the image set, one
        // chunk of images per task.
        const int stride = paddedWidth(n);
        float* out = aligned(ws.wide);
        std::fill(out, out + static_cast<size_t>(count) * stride, 0.0f);
        Workspace::Task& c = ws.tasks[0];
        for (int r = 0; r < count; ++r) {
          c.cursor[r] = set.begin(firstRow + r);
          c.limit[r] = set.end(firstRow + r);
        }
        const ImageRows images{set.pixel(), set.value(), pixelTable(), c.cursor.data(), c.limit.data(), count};
        kernels.imageRowsFor(stride0_)(images, 0, set.pixels(), weights, stride0_, stride, out);
        for (int r = 0; r < count; ++r)
          std::memcpy(z + static_cast<size_t>(r) * n, out + static_cast<size_t>(r) * stride, n * sizeof(float));
      } else {
      // A step's first layer is most of its work: each task runs the product for its share of the
      // rows, row by row from the image set (each row's sum over its pixels in order, whatever the
      // split).
      const int parts = std::min(tasks, Workspace::kParts);
      ws.parts = parts;
      const int stride = paddedWidth(n);
      float* out = aligned(ws.wide);
      const ImageRowsKernel product = kernels.imageRowsFor(stride0_);
      spread(parts, [&](int t) {
        const FlushDenormals flush;
        const int r0 = count * t / parts;
        const int r1 = count * (t + 1) / parts;
        Workspace::Task& c = ws.tasks[t];
        for (int r = r0; r < r1; ++r) {
          const size_t image = static_cast<size_t>(rows[r]);
          c.cursor[r] = set.begin(image);
          c.limit[r] = set.end(image);
        }
        std::fill(out + static_cast<size_t>(r0) * stride, out + static_cast<size_t>(r1) * stride, 0.0f);
        const ImageRows images{set.pixel(), set.value(), pixelTable(), c.cursor.data() + r0, c.limit.data() + r0, r1 - r0};
        product(images, 0, set.pixels(), weights, stride0_, stride, out + static_cast<size_t>(r0) * stride);
        for (int r = r0; r < r1; ++r)
          std::memcpy(z + static_cast<size_t>(r) * n, out + static_cast<size_t>(r) * stride, n * sizeof(float));
      });
      }
    } else if (kernels.smallTimesDense && n <= 16) {
      kernels.smallTimesDense(ws.a[l - 1].data(), count, sizes_[l], weights + offsets_[2 * l], n, z);
    } else {
      std::fill(z, z + static_cast<size_t>(count) * n, 0.0f);
      kernels.timesDense(compress(ws.a[l - 1].data(), count, sizes_[l], ws), count, weights + offsets_[2 * l], n, z);
    }
    const float* b = weights + offsets_[2 * l + 1];
    float* y = ws.a[l].data();
    const size_t size = static_cast<size_t>(count) * n;
    for (int r = 0; r < count; ++r)
      for (int j = 0; j < n; ++j) z[static_cast<size_t>(r) * n + j] += b[j];
    switch (activations_[l]) {
      case MlpActivation::Relu:
        for (size_t i = 0; i < size; ++i) y[i] = z[i] > 0.0f ? z[i] : 0.0f;
        break;
      case MlpActivation::Sigmoid:
        for (size_t i = 0; i < size; ++i) y[i] = 1.0f / (1.0f + std::exp(-z[i]));
        break;
      case MlpActivation::None:
        std::memcpy(y, z, size * sizeof(float));
        break;
    }
  }
}

void MlpTrainer::update(const float* from, float* to, size_t first) {
  ++updates_;
  const float lr = static_cast<float>(learningRate_);
  const float* g = grads_.data();
  float* s0 = state0_.data();
  float* s1 = state1_.data();
  const size_t n = total_;
  switch (optimizer_) {
    case MlpOptimizer::Sgd:
      for (size_t i = first; i < n; ++i) to[i] = from[i] - lr * g[i];
      break;
    case MlpOptimizer::Momentum: {
      const float momentum = static_cast<float>(kMomentum);
      for (size_t i = first; i < n; ++i) {
        s0[i] = momentum * s0[i] - lr * g[i];
        to[i] = from[i] + s0[i];
      }
      break;
    }
    case MlpOptimizer::Adagrad:
      for (size_t i = first; i < n; ++i) {
        s0[i] += g[i] * g[i];
        to[i] = from[i] - lr * g[i] / (std::sqrt(s0[i]) + 1e-7f);
      }
      break;
    case MlpOptimizer::Adam: {
      const double step = static_cast<double>(updates_);
      const float lrT = static_cast<float>(learningRate_ * std::sqrt(1.0 - std::pow(kBeta2, step)) /
                                           (1.0 - std::pow(kBeta1, step)));
      const float keep1 = static_cast<float>(1.0 - kBeta1);
      const float keep2 = static_cast<float>(1.0 - kBeta2);
      for (size_t i = first; i < n; ++i) {
        s0[i] += keep1 * (g[i] - s0[i]);
        s1[i] += keep2 * (g[i] * g[i] - s1[i]);
        to[i] = from[i] - lrT * s0[i] / (std::sqrt(s1[i]) + 1e-7f);
      }
      break;
    }
  }
}

double MlpTrainer::step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss) {
  if (rows < 1 || rows > maxRows_) throw std::invalid_argument("MlpTrainer::step: rows out of range");
  const FlushDenormals flush;
  const float* weights = weightSet(active_);
  float* next = weightSet(1 - active_);
  const bool sgd = optimizer_ == MlpOptimizer::Sgd;
  // Two tasks cost two thread wake-ups per step; a small batch is not worth them.
  const int tasks = rows >= kParallelRows ? std::min(poolThreadCount(), kMaxTasks) : 1;
  forward(weights, set, indices, 0, rows, ws_, tasks);
  const Kernels kernels = kernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  const int classes = sizes_.back();

  // Softmax with loss: dz = (y − t) / N.
  const float* scores = ws_.a[layers - 1].data();
  float* dOut = dz_[layers - 1].data();
  double loss = 0.0;
  const float inverseRows = 1.0f / static_cast<float>(rows);
  for (int r = 0; r < rows; ++r) {
    const float* s = scores + static_cast<size_t>(r) * classes;
    float* d = dOut + static_cast<size_t>(r) * classes;
    const float max = s[argmax(s, classes)];
    float sum = 0.0f;
    for (int c = 0; c < classes; ++c) sum += (d[c] = std::exp(s[c] - max));
    const int label = set.labels()[indices[r]];
    for (int c = 0; c < classes; ++c) {
      const float y = d[c] / sum;
      if (c == label) loss -= std::log(static_cast<double>(y) + 1e-7);
      d[c] = (y - (c == label ? 1.0f : 0.0f)) * inverseRows;
    }
  }
  loss /= rows;
  if (!std::isfinite(loss) || loss > maxLoss) return loss;

  // The first layer's weight gradient is written row by row below.
  std::fill(grads_.begin() + offsets_[1], grads_.end(), 0.0f);
  const int stride = paddedWidth(sizes_[1]);
  float* wide = aligned(ws_.wide);
  // Set when the fused kernel has written the first layer's dz (padded, into wide) and its db.
  bool firstLayerReady = false;
  for (size_t l = layers; l-- > 0;) {
    const int n = sizes_[l + 1];
    const int m = sizes_[l];
    float* d = dz_[l].data();
    const size_t size = static_cast<size_t>(rows) * n;
    // dz from da (the layer above's dx), or from the loss for the top layer.
    const float* upstream = l + 1 < layers ? da_.data() : d;
    const float* zl = ws_.z[l].data();
    const float* yl = ws_.a[l].data();
    if (!(l == 0 && firstLayerReady)) {
    switch (activations_[l]) {
      case MlpActivation::Relu:
        for (size_t i = 0; i < size; ++i) d[i] = zl[i] > 0.0f ? upstream[i] : 0.0f;
        break;
      case MlpActivation::Sigmoid:
        for (size_t i = 0; i < size; ++i) d[i] = upstream[i] * yl[i] * (1.0f - yl[i]);
        break;
      case MlpActivation::None:
        if (upstream != d) std::memcpy(d, upstream, size * sizeof(float));
        break;
    }
    float* gb = grads_.data() + offsets_[2 * l + 1];
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < n; ++j) gb[j] += d[static_cast<size_t>(r) * n + j];
    }
    if (l == 0) {
      // dW = xᵀ · dz from the image set, each task over its half of the pixels (and of W's rows).
      // dz has rows padded to whole lines (aligned loads in the kernel; padding zero), unless the
      // fused backward kernel has written them already.
      for (int r = 0; r < rows && !firstLayerReady; ++r) {
        float* o = wide + static_cast<size_t>(r) * stride;
        std::memcpy(o, d + static_cast<size_t>(r) * n, n * sizeof(float));
        std::fill(o + n, o + stride, 0.0f);
      }
      const GradientOut out{grads_.data(), sgd ? weights : nullptr, next, static_cast<float>(learningRate_)};
      const GridGradientKernel gradient = kernels.gridGradientFor(stride0_);
      const int parts = ws_.parts;
      spread(parts, [&](int t) {
        const FlushDenormals flush;
        Workspace::Task& task = ws_.tasks[t];
        const bool lower = parts == 1 || t == 0;
        const bool upper = parts == 1 || t == 1;
        for (int r = 0; r < rows; ++r) {
          const size_t image = static_cast<size_t>(indices[r]);
          task.cursor[r] = lower ? set.begin(image) : set.middle(image);
          task.limit[r] = upper ? set.end(image) : set.middle(image);
        }
        const ImageRows images{set.pixel(), set.value(), pixelTable(), task.cursor.data(), task.limit.data(), rows};
        gradient(images, lower ? 0 : set.splitPixel(), upper ? m : set.splitPixel(), wide, stride0_, stride,
                 aligned(task.grid), gridStride(maxRows_), out);
      });
    } else {
      // dW = aᵀ · dz for a hidden layer's input a: rows in registers (r ascending as before; zero
      // inputs are no longer skipped in the vector kernels, which changes at most the sign of a zero).
      kernels.smallGradient(ws_.a[l - 1].data(), rows, m, d, n, grads_.data() + offsets_[2 * l]);
    }
    if (l == 1 && kernels.firstLayerBackward && m <= 64) {
      // Straight into the first layer's padded dz and its db.
      const float* w = weights + offsets_[2 * l];
      float* wT = aligned(transposedWide_);
      for (int j = 0; j < n; ++j)
        for (int k = 0; k < stride; ++k) wT[static_cast<size_t>(j) * stride + k] = k < m ? w[static_cast<size_t>(k) * n + j] : 0.0f;
      kernels.firstLayerBackward[(m + 15) / 16](d, rows, n, wT, ws_.z[0].data(), ws_.a[0].data(), m, stride,
                                                activations_[0], wide, grads_.data() + offsets_[1]);
      firstLayerReady = true;
    } else if (l > 0) {
      // da = dz · Wᵀ: the rows of Wᵀ are W's columns.
      const float* w = weights + offsets_[2 * l];
      float* wT = transposed_.data();
      for (int k = 0; k < m; ++k)
        for (int j = 0; j < n; ++j) wT[static_cast<size_t>(j) * m + k] = w[static_cast<size_t>(k) * n + j];
      // dz as compressed rows holding every entry (dz is dense: testing for zeros cost more than it
      // saved; a zero entry adds ±0).
      for (int r = 0; r <= rows; ++r) ws_.rowStart[r] = r * n;
      for (int r = 0; r < rows; ++r)
        for (int j = 0; j < n; ++j) ws_.index[static_cast<size_t>(r) * n + j] = j;
      std::fill(da_.begin(), da_.begin() + static_cast<size_t>(rows) * m, 0.0f);
      kernels.timesDense({ws_.rowStart.data(), ws_.rowStart.data() + 1, ws_.index.data(), d}, rows, wT, m, da_.data());
    }
  }
  // Plain SGD has updated the first layer's weights already.
  update(weights, next, sgd ? offsets_[1] : 0);
  active_ = 1 - active_;
  return loss;
}

size_t MlpTrainer::evaluate(const ImageSet& set, int32_t* confusion) const {
  const int classes = sizes_.back();
  const size_t count = set.count();
  const uint8_t* labels = set.labels();
  const int tasks = std::max(1, std::min(poolThreadCount(), static_cast<int>((count + kEvaluationChunk - 1) / kEvaluationChunk)));
  std::vector<size_t> correct(tasks, 0);
  std::vector<std::vector<int32_t>> counts(tasks, std::vector<int32_t>(confusion ? classes * classes : 0, 0));
  const float* weights = weightSet(active_);
  parallelFor(tasks, [&](int t) {
    Workspace ws(sizes_, kEvaluationChunk);
    const size_t begin = count * t / tasks;
    const size_t end = count * (t + 1) / tasks;
    for (size_t start = begin; start < end; start += kEvaluationChunk) {
      const int rows = static_cast<int>(std::min<size_t>(kEvaluationChunk, end - start));
      forward(weights, set, nullptr, start, rows, ws, 1);
      const float* scores = ws.a.back().data();
      for (int r = 0; r < rows; ++r) {
        const int predicted = argmax(scores + static_cast<size_t>(r) * classes, classes);
        const int label = labels[start + r];
        if (predicted == label) ++correct[t];
        if (confusion) ++counts[t][label * classes + predicted];
      }
    }
  });
  size_t total = 0;
  for (int t = 0; t < tasks; ++t) {
    total += correct[t];
    if (confusion)
      for (int i = 0; i < classes * classes; ++i) confusion[i] += counts[t][i];
  }
  return total;
}

float* MlpTrainer::weightSet(int which) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(sets_[which].data());
  return reinterpret_cast<float*>((p + 63) & ~static_cast<uintptr_t>(63));
}
const float* MlpTrainer::weightSet(int which) const { return const_cast<MlpTrainer*>(this)->weightSet(which); }

void MlpTrainer::copyWeights(bool previous, float* out) const {
  const float* set = weightSet(previous ? 1 - active_ : active_);
  for (int k = 0; k < sizes_[0]; ++k)
    std::memcpy(out + static_cast<size_t>(k) * sizes_[1], set + static_cast<size_t>(k) * stride0_,
                sizes_[1] * sizeof(float));
  const size_t firstW = static_cast<size_t>(sizes_[0]) * sizes_[1];
  std::memcpy(out + firstW, set + offsets_[1], (flatTotal_ - firstW) * sizeof(float));
}

}  // namespace bp
