// AVX2+FMA MLP kernels: the first layer's products with the batch rows' sums in ymm registers and
// its weight gradient with a batch row's dz in them (widths of 8..64 floats), a zero-skipping
// product with a column block in registers, and the hidden layers' small weight gradient.
#include "mlp_kernels.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>

namespace bp {

namespace {

// The accumulators of a column block stay in registers across a row's entries: B full vectors and
// a masked tail of `rem` lanes (the hidden layer is 50 wide).
alignas(32) const int32_t kTailMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

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

void csrTimesDenseAvx2(const Csr& a, int rows, const float* w, int n, float* out) {
  // Each block's kernel writes its columns of row r from the accumulators.
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int width = std::min(64, n - j0);
      kBlockAvx2[width / 8](a, r, w, n, j0, width % 8, out + static_cast<size_t>(r) * n);
    }
  }
}
// The portable loops for widths the vector kernels below do not cover.
BP_TARGET_AVX2 void imageRowsAvx2(const ImageRows& a, int, int endPixel, const float* w, int n, int stride,
                                  float* out) {
  imageRowsLoops(a, endPixel, w, n, stride, out);
}
BP_TARGET_AVX2 void imageGradientAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                      int stride, const GradientOut& out) {
  imageGradientLoops(a, firstPixel, endPixel, d, n, stride, out);
}

// The image-rows and image gradient kernels for n a multiple of 8 up to 64 (the first layer's padded
// width): V ymm per row, no tails. The product runs one block of 256 pixels at a time, the gradient
// one read-modify-write of g's row per entry (as at AVX-512, see mlp_avx512.cc).
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
BP_TARGET_AVX2 void imageGradientByRowsAvx2(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                            int stride, const GradientOut& out) {
  float* g = out.g;
  if (!out.from) std::fill(g + static_cast<size_t>(firstPixel) * n, g + static_cast<size_t>(endPixel) * n, 0.0f);
  const uint16_t* pixel = a.pixel;
  const uint8_t* value = a.value;
  const float* table = a.table;
  for (int r = 0; r < a.count; ++r) {
    const float* dr = d + static_cast<size_t>(r) * stride;
#define BP_LOAD(b) const __m256 d##b = V > b ? _mm256_load_ps(dr + 8 * b) : _mm256_setzero_ps();
    BP_EACH_BLOCK(BP_LOAD)
    size_t j = a.cursor[r];
    const size_t limit = a.limit[r];
    for (; j < limit && pixel[j] < endPixel; ++j) {
      const __m256 v = _mm256_set1_ps(table[value[j]]);
      float* gk = g + static_cast<size_t>(pixel[j]) * n;
#define BP_FMA(b) \
  if constexpr (V > b) _mm256_store_ps(gk + 8 * b, _mm256_fmadd_ps(v, d##b, _mm256_load_ps(gk + 8 * b)));
      BP_EACH_BLOCK(BP_FMA)
    }
    a.cursor[r] = j;
  }
  if (!out.from) return;
  const __m256 lr = _mm256_set1_ps(out.lr);
  for (size_t i = static_cast<size_t>(firstPixel) * n; i < static_cast<size_t>(endPixel) * n; i += 8) {
    _mm256_storeu_ps(out.to + i, _mm256_sub_ps(_mm256_loadu_ps(out.from + i), _mm256_mul_ps(lr, _mm256_load_ps(g + i))));
    _mm256_store_ps(g + i, _mm256_setzero_ps());
  }
#undef BP_LOAD
#undef BP_FMA
}
const ImageGradientKernel kImageGradientAvx2[9] = {nullptr,
                                                   imageGradientByRowsAvx2<1>,
                                                   imageGradientByRowsAvx2<2>,
                                                   imageGradientByRowsAvx2<3>,
                                                   imageGradientByRowsAvx2<4>,
                                                   imageGradientByRowsAvx2<5>,
                                                   imageGradientByRowsAvx2<6>,
                                                   imageGradientByRowsAvx2<7>,
                                                   imageGradientByRowsAvx2<8>};

// n ≤ 16: each gradient row in two ymm registers (masked), two rows at a time, r ascending.
BP_TARGET_AVX2 void smallGradientAvx2(const float* a, int rows, int stride, int m, const float* d, int n, float* g) {
  if (n > 16) {
    smallGradientLoops(a, rows, stride, m, d, n, g);
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
      const __m256 va = _mm256_set1_ps(a[static_cast<size_t>(r) * stride + k]);
      const __m256 vb = _mm256_set1_ps(a[static_cast<size_t>(r) * stride + k + 1]);
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
      const __m256 va = _mm256_set1_ps(a[static_cast<size_t>(r) * stride + k]);
      a0 = _mm256_fmadd_ps(va, _mm256_maskload_ps(dr, lo), a0);
      a1 = _mm256_fmadd_ps(va, _mm256_maskload_ps(dr + 8, hi), a1);
    }
    _mm256_maskstore_ps(ga, lo, a0);
    _mm256_maskstore_ps(ga + 8, hi, a1);
  }
}

}  // namespace

const MlpKernels& avx2MlpKernels() {
  static const MlpKernels kernels{csrTimesDenseAvx2, smallGradientAvx2, imageRowsAvx2, imageGradientAvx2, kImageRowsAvx2,
                                  kImageGradientAvx2, 8, 8, nullptr, nullptr, pixelQuotients()};
  return kernels;
}

}  // namespace bp

#endif
