// AVX-512 MLP kernels: the first layer's products with the batch rows' sums in zmm registers and
// its weight gradient with a batch row's dz in them (widths of 16..64 floats), the backward pass
// from the second layer into the first fused, a zero-skipping product with a column block in
// registers, and the class scores' small products. Widths the narrow kernels do not cover use the AVX2 level's loops.
#include "mlp_kernels.h"
#include "mlp_softmax_loss.h"
#include "step_entries.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>

namespace bp {

namespace {

using RowKernel = void (*)(const Csr&, int, const float*, int, int, int, float*);

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

void csrTimesDenseAvx512(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 128) {
      const int width = std::min(128, n - j0);
      kBlockAvx512[width / 16](a, r, w, n, j0, width % 16, out + static_cast<size_t>(r) * n);
    }
  }
}

// GCC 12 warns that the cast intrinsics' internal "undefined" register may be used uninitialised
// (the false positive of its headers that softmaxLossAvx512 below also meets).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// The first `Lanes` floats (16, 8 or 4) of a row's last vector, for a layer whose width leaves the
// rest of it padding (50 = 3·16 + 2): a narrower load, store or FMA there costs less of the core's
// vector throughput, which bounds these kernels. The lanes above stay zero.
template <int Lanes>
BP_TARGET_AVX512 inline __m512 loadLead(const float* p) {
  if constexpr (Lanes == 16) return _mm512_load_ps(p);
  if constexpr (Lanes == 8) return _mm512_zextps256_ps512(_mm256_load_ps(p));
  if constexpr (Lanes == 4) return _mm512_zextps128_ps512(_mm_load_ps(p));
}
template <int Lanes>
BP_TARGET_AVX512 inline void storeLead(float* p, __m512 x) {
  if constexpr (Lanes == 16) _mm512_store_ps(p, x);
  if constexpr (Lanes == 8) _mm256_store_ps(p, _mm512_castps512_ps256(x));
  if constexpr (Lanes == 4) _mm_store_ps(p, _mm512_castps512_ps128(x));
}
template <int Lanes>
BP_TARGET_AVX512 inline __m512 fmaddLead(__m512 a, __m512 b, __m512 c) {
  if constexpr (Lanes == 16) return _mm512_fmadd_ps(a, b, c);
  if constexpr (Lanes == 8)
    return _mm512_zextps256_ps512(_mm256_fmadd_ps(_mm512_castps512_ps256(a), _mm512_castps512_ps256(b), _mm512_castps512_ps256(c)));
  if constexpr (Lanes == 4)
    return _mm512_zextps128_ps512(_mm_fmadd_ps(_mm512_castps512_ps128(a), _mm512_castps512_ps128(b), _mm512_castps512_ps128(c)));
}
// Vector b of V in a row whose last vector uses Tail lanes.
template <int V, int Tail>
constexpr int lanesOf(int b) { return b == V - 1 ? Tail : 16; }

// Rows of images (each image's lit pixels ascending, from cursor[r] up to limit[r]) times w (n = 16·V
// columns, aligned rows), added into out (stride-padded, aligned rows), one block of 256 pixels at a
// time (the block's 64 KB of w stay close while every image's entries in the block are summed into
// registers; 192 to 392 measured alike on random batches, 128 and 800 slower; two rows at a time,
// eight independent chains, with or without blocks, was no faster): an output row is read and
// written once per block (pixel-major with the output rows in memory cost twice as much). Each
// row's sum runs over its pixels in ascending order, so blocks change nothing in the result.
// Both first-layer products' inner steps: an entry's value v times w's row wk into the row's sums,
// and the sums back to out's row o.
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = fmaddLead<lanesOf<V, Tail>(b)>(v, loadLead<lanesOf<V, Tail>(b)>(wk + 16 * b), acc##b);
#define BP_STORE(b) \
  if constexpr (V > b) storeLead<lanesOf<V, Tail>(b)>(o + 16 * b, acc##b);
template <int V, int Tail>
BP_TARGET_AVX512 void imageRowsByBlocksAvx512(const ImageRows& a, int firstPixel, int endPixel, const float* w, int n,
                                              int stride, float* out) {
  constexpr int kBlock = 256;
  const uint16_t* __restrict pixels = a.pixel;
  const uint8_t* __restrict values = a.value;
  const float* __restrict table = a.table;
  (void)n;  // 16·V: a constant below
  for (int b0 = firstPixel; b0 < endPixel; b0 += kBlock) {
    const unsigned b1 = static_cast<unsigned>(std::min(endPixel, b0 + kBlock));
    for (int r = 0; r < a.count; ++r) {
      size_t j = a.cursor[r];
      const size_t limit = a.limit[r];
      if (j >= limit) continue;
      unsigned pixel = pixels[j];
      if (pixel >= b1) continue;
      float* o = out + static_cast<size_t>(r) * stride;
#define BP_LOAD(b) __m512 acc##b = _mm512_setzero_ps(); if (V > b) acc##b = loadLead<lanesOf<V, Tail>(b)>(o + 16 * b);
      BP_EACH_BLOCK(BP_LOAD)
      for (;;) {
        const __m512 v = _mm512_set1_ps(table[values[j]]);
        const float* wk = w + static_cast<size_t>(pixel) * (16 * V);
        BP_EACH_BLOCK(BP_FMA)
        if (++j == limit) break;
        pixel = pixels[j];
        if (pixel >= b1) break;
      }
      BP_EACH_BLOCK(BP_STORE)
      a.cursor[r] = j;
    }
  }
#undef BP_LOAD
}

// A step's first layer from its batch's StepEntries (ListingStepRowsKernel): as imageRowsByBlocks,
// a group of 256 pixels (the entries' groups) at a time, each entry also appended to its pixel's
// list (PixelLists) for the weight gradient: ≈ 2.5 cycles an entry more (a load and two stores) on
// a Zen 4 core, where the gradient saves ≈ 4. A row's sums start at zero at its first entry.
template <int V, int Tail>
BP_TARGET_AVX512 void listingStepRowsAvx512(const StepRows& a, int firstPixel, int endPixel, const float* w, int n,
                                            int stride, float* out, const PixelLists& lists) {
  if (firstPixel >= endPixel) return;
  // Locals, restrict: the lists' stores could alias the struct's fields and the entries otherwise,
  // and GCC then reloaded them (and kept fewer values in registers) on every entry.
  const uint16_t* __restrict entries = a.entry;
  const float* __restrict table = a.table;
  uint16_t** __restrict listEnd = lists.end;
  (void)n;  // 16·V: a constant below
  const int lastGroup = (endPixel - 1) / StepEntries::kGroupPixels;
  for (int g = firstPixel / StepEntries::kGroupPixels; g <= lastGroup; ++g) {
    const unsigned base = static_cast<unsigned>(g * StepEntries::kGroupPixels);
    for (int r = 0; r < a.count; ++r) {
      size_t j = a.cursor[r];
      const size_t limit = a.limit[r];
      if (j >= limit) continue;
      unsigned entry = entries[j];
      if (StepEntries::endsGroup(static_cast<uint16_t>(entry))) {
        a.cursor[r] = j + 1;
        continue;
      }
      float* o = out + static_cast<size_t>(r) * stride;
      const bool started = a.started[r];
#define BP_LOAD(b) __m512 acc##b = _mm512_setzero_ps(); if (V > b && started) acc##b = loadLead<lanesOf<V, Tail>(b)>(o + 16 * b);
      BP_EACH_BLOCK(BP_LOAD)
      for (;;) {
        const unsigned pixel = base + (entry & 0xffu);
        const unsigned value = entry >> 8;
        const __m512 v = _mm512_set1_ps(table[value]);
        const float* wk = w + static_cast<size_t>(pixel) * (16 * V);
        BP_EACH_BLOCK(BP_FMA)
        *listEnd[pixel]++ = static_cast<uint16_t>(r | value << 8);
        if (++j == limit) break;
        entry = entries[j];
        if (StepEntries::endsGroup(static_cast<uint16_t>(entry))) {
          ++j;
          break;
        }
      }
      BP_EACH_BLOCK(BP_STORE)
      a.started[r] = 1;
      a.cursor[r] = j;
    }
  }
#undef BP_LOAD
#undef BP_FMA
#undef BP_STORE
}
// By vectors (0..4) and last-vector lanes (MlpKernels::tailOf).
#define BP_BY_TAIL(kernel, V) kernel<V, 16>, kernel<V, 8>, kernel<V, 4>
#define BP_BY_WIDTH(kernel) \
  { nullptr, nullptr, nullptr, BP_BY_TAIL(kernel, 1), BP_BY_TAIL(kernel, 2), BP_BY_TAIL(kernel, 3), BP_BY_TAIL(kernel, 4) }
const ImageRowsKernel kImageRowsAvx512[5 * 3] = BP_BY_WIDTH(imageRowsByBlocksAvx512);
const ListingStepRowsKernel kListingStepRowsAvx512[5 * 3] = BP_BY_WIDTH(listingStepRowsAvx512);

// Pairs of images (ImagePairRows) times w, n = 16·V: both images' sums in registers (2·V chains),
// each entry's row of w loaded once for the two. Blocks of 192 pixels: the block's rows of w stay in
// the first-level cache while every pair's entries in it are summed (a count of MNIST's 60,000:
// 12.9 ms; blocks of 128 13.4–13.9, 160 13.1, 224 13.4 and more). A pair's list is ≈ 0.69 of its
// two images' lists; a count of both splits took 14.9 ms against 18.1 one image at a time.
// Where a row's last vector uses at most 4 lanes (50 units: 2), both images' last lanes share one
// 256-bit FMA ([first's 4, second's 4]): on a Zen 4 core, where the FMAs bind this kernel, two
// 128-bit FMAs cost twice one 256-bit (a count of both splits −6 %); each lane's sum is unchanged.
template <int V, int Tail>
BP_TARGET_AVX512 void imagePairRowsAvx512(const ImagePairRows& a, int pixels, const float* w, int n, int stride,
                                          float* out) {
  constexpr int kBlock = 192;
  constexpr bool kPackedTails = Tail == 4;
  const uint32_t* entry = a.entry;
  const float* table = a.table;
  for (int b0 = 0; b0 < pixels; b0 += kBlock) {
    const uint32_t b1 = static_cast<uint32_t>(std::min(pixels, b0 + kBlock));
    for (int q = 0; q < a.count; ++q) {
      size_t j = a.cursor[q];
      const size_t limit = a.limit[q];
      if (j >= limit || ImagePairs::pixelOf(entry[j]) >= b1) continue;
      float* first = out + static_cast<size_t>(2 * q) * stride;
      float* second = first + stride;
      // Whether vector b has a register per image (else it is in `tails`).
#define BP_APART(b) (V > b && (b != V - 1 || !kPackedTails))
#define BP_LOAD(b)                                                                          \
  __m512 acc##b = _mm512_setzero_ps(), other##b = _mm512_setzero_ps();                      \
  if constexpr (BP_APART(b)) {                                                              \
    acc##b = loadLead<lanesOf<V, Tail>(b)>(first + 16 * b);                                 \
    other##b = loadLead<lanesOf<V, Tail>(b)>(second + 16 * b);                              \
  }
      BP_EACH_BLOCK(BP_LOAD)
      constexpr int kLast = 16 * (V - 1);
      __m256 tails = _mm256_setzero_ps();
      if constexpr (kPackedTails) tails = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_load_ps(first + kLast)), _mm_load_ps(second + kLast), 1);
      do {
        const uint32_t e = entry[j];
        const __m512 v = _mm512_set1_ps(table[(e >> 16) & 0xffu]);
        const __m512 u = _mm512_set1_ps(table[e >> 24]);
        const float* wk = w + static_cast<size_t>(ImagePairs::pixelOf(e)) * n;
#define BP_FMA(b)                                                                           \
  if constexpr (BP_APART(b)) {                                                              \
    constexpr int lanes = lanesOf<V, Tail>(b);                                              \
    __m512 wb = loadLead<lanes>(wk + 16 * b);                                               \
    asm("" : "+v"(wb)); /* one load for both: folded into each FMA it was loaded twice */   \
    acc##b = fmaddLead<lanes>(v, wb, acc##b);                                               \
    other##b = fmaddLead<lanes>(u, wb, other##b);                                           \
  }
        BP_EACH_BLOCK(BP_FMA)
        if constexpr (kPackedTails) {
          const __m256 values = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm512_castps512_ps128(v)), _mm512_castps512_ps128(u), 1);
          tails = _mm256_fmadd_ps(values, _mm256_broadcast_ps(reinterpret_cast<const __m128*>(wk + kLast)), tails);
        }
        ++j;
      } while (j < limit && ImagePairs::pixelOf(entry[j]) < b1);
#define BP_STORE(b)                                                                         \
  if constexpr (BP_APART(b)) {                                                              \
    storeLead<lanesOf<V, Tail>(b)>(first + 16 * b, acc##b);                                 \
    storeLead<lanesOf<V, Tail>(b)>(second + 16 * b, other##b);                              \
  }
      BP_EACH_BLOCK(BP_STORE)
      if constexpr (kPackedTails) {
        _mm_store_ps(first + kLast, _mm256_castps256_ps128(tails));
        _mm_store_ps(second + kLast, _mm256_extractf128_ps(tails, 1));
      }
      a.cursor[q] = j;
    }
  }
#undef BP_APART
#undef BP_LOAD
#undef BP_FMA
#undef BP_STORE
}
const ImagePairRowsKernel kImagePairRowsAvx512[5 * 3] = BP_BY_WIDTH(imagePairRowsAvx512);

// The image gradient kernel with n = 16·V (g's rows are whole aligned lines): a batch row's d in V
// registers, each of its entries a read-modify-write of V lines of g, a block of pixels at a time.
template <int V, int Tail>
BP_TARGET_AVX512 void imageGradientAvx512(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                          int stride, const GradientOut& out) {
  float* g = out.g;
  if (!out.from) std::fill(g + static_cast<size_t>(firstPixel) * n, g + static_cast<size_t>(endPixel) * n, 0.0f);
  // Locals: the byte loads below may alias the struct's fields otherwise.
  const uint16_t* pixel = a.pixel;
  const uint8_t* value = a.value;
  const float* table = a.table;
  // One block of 160 pixels at a time: its 40 KB of g stay in the 48 KB first-level cache while
  // every row's entries in it are added. Blocks of 256 (64 KB) made the upper half of the pixels,
  // lit almost everywhere, take ≈ 48 k ticks a step against the lower half's ≈ 39 k (its first
  // block is mostly the image's empty top rows); with 160 both take ≈ 40 k. 128 was no better, 64
  // slower. Each row of g still takes its rows' terms in ascending order, so the sums are the same.
  constexpr int kBlock = 160;
  for (int b0 = firstPixel; b0 < endPixel; b0 += kBlock) {
    const int b1 = std::min(endPixel, b0 + kBlock);
    for (int r = 0; r < a.count; ++r) {
      size_t j = a.cursor[r];
      const size_t limit = a.limit[r];
      if (j >= limit || pixel[j] >= b1) continue;
      const float* dr = d + static_cast<size_t>(r) * stride;
#define BP_LOAD(b) const __m512 d##b = V > b ? _mm512_load_ps(dr + 16 * b) : _mm512_setzero_ps();
      BP_EACH_BLOCK(BP_LOAD)
      do {
        const __m512 v = _mm512_set1_ps(table[value[j]]);
        float* gk = g + static_cast<size_t>(pixel[j]) * n;
#define BP_FMA(b)                                                                  \
  if constexpr (V > b) {                                                           \
    constexpr int lanes = lanesOf<V, Tail>(b);                                     \
    storeLead<lanes>(gk + 16 * b, fmaddLead<lanes>(v, d##b, loadLead<lanes>(gk + 16 * b))); \
  }
        BP_EACH_BLOCK(BP_FMA)
      } while (++j < limit && pixel[j] < b1);
      a.cursor[r] = j;
    }
    // Plain SGD: the block's update while its lines of g are still close.
    if (!out.from) continue;
    const __m512 lr = _mm512_set1_ps(out.lr);
    for (size_t i = static_cast<size_t>(b0) * n; i < static_cast<size_t>(b1) * n; i += 16) {
      _mm512_storeu_ps(out.to + i, _mm512_sub_ps(_mm512_loadu_ps(out.from + i), _mm512_mul_ps(lr, _mm512_load_ps(g + i))));
      _mm512_store_ps(g + i, _mm512_setzero_ps());
    }
  }
#undef BP_LOAD
#undef BP_FMA
}
const ImageGradientKernel kImageGradientAvx512[5 * 3] = BP_BY_WIDTH(imageGradientAvx512);

// The weight gradient from a step's batch listed by pixel (PixelLists): each pixel's row of g summed
// in registers over its batch rows (ascending, as imageGradientAvx512 adds them), then written once,
// or with plain SGD straight into the update (g untouched). Where the row-by-row kernel costs a
// read-modify-write of the pixel's lines of g per entry, this costs one load of the row's d (in
// the first-level cache): ≈ 34 k ticks a task and step against ≈ 66 k on a Zen 4 core, whose
// vector stores are half as wide as its loads.
template <int V, int Tail>
BP_TARGET_AVX512 void pixelGradientAvx512(const PixelLists& lists, const float* table, int firstPixel, int endPixel,
                                          const float* d, int n, int stride, const GradientOut& out) {
  const __m512 lr = _mm512_set1_ps(out.lr);
  for (int k = firstPixel; k < endPixel; ++k) {
    const uint16_t* entry = lists.rows + static_cast<size_t>(k) * lists.capacity;
    const uint16_t* end = lists.end[k];
    const size_t at = static_cast<size_t>(k) * n;
    if (entry == end && out.same) {
      // from − lr · 0 is from, bit for bit: the row is copied, or left where both sets have it.
      if (out.same[k]) continue;
#define BP_COPY(b) if constexpr (V > b) _mm512_store_ps(out.to + at + 16 * b, _mm512_load_ps(out.from + at + 16 * b));
      BP_EACH_BLOCK(BP_COPY)
#undef BP_COPY
      out.same[k] = 1;
      continue;
    }
#define BP_ZERO(b) __m512 acc##b = _mm512_setzero_ps();
    BP_EACH_BLOCK(BP_ZERO)
    for (; entry < end; ++entry) {
      const unsigned e = *entry;
      const __m512 v = _mm512_set1_ps(table[e >> 8]);
      const float* dr = d + static_cast<size_t>(e & 0xffu) * stride;
#define BP_FMA(b) \
  if constexpr (V > b) acc##b = fmaddLead<lanesOf<V, Tail>(b)>(v, loadLead<lanesOf<V, Tail>(b)>(dr + 16 * b), acc##b);
      BP_EACH_BLOCK(BP_FMA)
    }
#define BP_OUT(b)                                                                                                \
  if constexpr (V > b) {                                                                                         \
    if (out.from)                                                                                                \
      _mm512_store_ps(out.to + at + 16 * b,                                                                      \
                      _mm512_sub_ps(_mm512_load_ps(out.from + at + 16 * b), _mm512_mul_ps(lr, acc##b)));         \
    else                                                                                                         \
      _mm512_store_ps(out.g + at + 16 * b, acc##b);                                                              \
  }
    BP_EACH_BLOCK(BP_OUT)
    if (out.same) out.same[k] = 0;
  }
#undef BP_ZERO
#undef BP_FMA
#undef BP_OUT
}
const PixelGradientKernel kPixelGradientAvx512[5 * 3] = BP_BY_WIDTH(pixelGradientAvx512);
#undef BP_BY_TAIL
#undef BP_BY_WIDTH
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// n ≤ 16: each gradient row is one register, four rows at a time (four independent chains).
BP_TARGET_AVX512 void smallGradientAvx512(const float* a, int rows, int stride, int m, const float* d, int n, float* g) {
  if (n > 16) {
    smallGradientLoops(a, rows, stride, m, d, n, g);
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
      const float* ar = a + static_cast<size_t>(r) * stride + k;
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
      g0 = _mm512_fmadd_ps(_mm512_set1_ps(a[static_cast<size_t>(r) * stride + k]),
                           _mm512_maskz_loadu_ps(mask, d + static_cast<size_t>(r) * n), g0);
    _mm512_mask_storeu_ps(g + static_cast<size_t>(k) * n, mask, g0);
  }
}

// z[r, :] = Σ_k a[r, k] · w[k, :] for a hidden layer's output a (rows × m) and n ≤ 16 (the class
// scores): each row's sum in one register, eight rows at a time (eight independent chains: two
// FMAs a cycle at their 4-cycle latency; four left half of them idle), then four, k ascending. Zero inputs
// are not skipped (which changes at most the sign of a zero).
BP_TARGET_AVX512 void smallTimesDenseAvx512(const float* a, int rows, int m, const float* w, const float* b, int n,
                                           float* z) {
  const __mmask16 mask = static_cast<__mmask16>((1u << n) - 1u);
  const __m512 bias = _mm512_maskz_loadu_ps(mask, b);
  int r = 0;
  for (; r + 8 <= rows; r += 8) {
    const float* a0 = a + static_cast<size_t>(r) * m;
#define BP_ZERO(b) __m512 z##b = _mm512_setzero_ps();
    BP_EACH_BLOCK(BP_ZERO)
    for (int k = 0; k < m; ++k) {
      const __m512 wk = _mm512_maskz_loadu_ps(mask, w + static_cast<size_t>(k) * n);
#define BP_FMA(b) z##b = _mm512_fmadd_ps(_mm512_set1_ps(a0[b * m + k]), wk, z##b);
      BP_EACH_BLOCK(BP_FMA)
    }
    float* out = z + static_cast<size_t>(r) * n;
#define BP_STORE(b) _mm512_mask_storeu_ps(out + b * n, mask, _mm512_add_ps(z##b, bias));
    BP_EACH_BLOCK(BP_STORE)
#undef BP_ZERO
#undef BP_FMA
#undef BP_STORE
  }
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
    _mm512_mask_storeu_ps(out, mask, _mm512_add_ps(z0, bias));
    _mm512_mask_storeu_ps(out + n, mask, _mm512_add_ps(z1, bias));
    _mm512_mask_storeu_ps(out + 2 * n, mask, _mm512_add_ps(z2, bias));
    _mm512_mask_storeu_ps(out + 3 * n, mask, _mm512_add_ps(z3, bias));
  }
  for (; r < rows; ++r) {
    __m512 z0 = _mm512_setzero_ps();
    for (int k = 0; k < m; ++k)
      z0 = _mm512_fmadd_ps(_mm512_set1_ps(a[static_cast<size_t>(r) * m + k]),
                           _mm512_maskz_loadu_ps(mask, w + static_cast<size_t>(k) * n), z0);
    _mm512_mask_storeu_ps(z + static_cast<size_t>(r) * n, mask, _mm512_add_ps(z0, bias));
  }
}

// The fused backward pass into the first layer (FirstLayerBackwardKernel), V zmm per row, two rows
// at a time: each row's sums are a chain of nAbove dependent FMAs, so one row alone kept the core
// waiting on their latency; two share each load of wT. The rows' outputs and db follow in order.
template <int V>
BP_TARGET_AVX512 void firstLayerBackwardAvx512(const float* dAbove, int rows, int nAbove, const float* wT,
                                               const float* z, const float* y, int m, int stride,
                                               const LayerActivation& activation, float* out, float* db) {
  const int rem = m - 16 * (V - 1);
  const __mmask16 last = static_cast<__mmask16>(rem >= 16 ? 0xffffu : (1u << rem) - 1u);
  const __m512 zero = _mm512_setzero_ps();
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 slope = _mm512_set1_ps(activation.slope);
  const MlpActivation kind = activation.kind;
#define BP_ZERO(b) __m512 bias##b = zero;
  BP_EACH_BLOCK(BP_ZERO)
  for (int r = 0; r < rows; r += 2) {
    // The last row of an odd count pairs with itself (its copy's outputs are not written).
    const int second = std::min(r + 1, rows - 1);
#define BP_ACC(b) __m512 acc##b = zero, next##b = zero;
    BP_EACH_BLOCK(BP_ACC)
    const float* dr = dAbove + static_cast<size_t>(r) * nAbove;
    const float* ds = dAbove + static_cast<size_t>(second) * nAbove;
    for (int j = 0; j < nAbove; ++j) {
      const __m512 v = _mm512_set1_ps(dr[j]);
      const __m512 u = _mm512_set1_ps(ds[j]);
      const float* wj = wT + static_cast<size_t>(j) * stride;
#define BP_FMA(b)                                          \
  if constexpr (V > b) {                                   \
    __m512 w = _mm512_load_ps(wj + 16 * b);                \
    asm("" : "+v"(w)); /* one load for both rows */        \
    acc##b = _mm512_fmadd_ps(v, w, acc##b);                \
    next##b = _mm512_fmadd_ps(u, w, next##b);              \
  }
      BP_EACH_BLOCK(BP_FMA)
    }
    for (int row = r; row <= second; ++row) {
      if (row > r) {
#define BP_NEXT(b) acc##b = next##b;
        BP_EACH_BLOCK(BP_NEXT)
      }
      const size_t at = static_cast<size_t>(row) * m;
      float* o = out + static_cast<size_t>(row) * stride;
#define BP_OUT(b)                                                                                         \
  if constexpr (V > b) {                                                                                  \
    const __mmask16 lanes = V - 1 == b ? last : static_cast<__mmask16>(0xffffu);                          \
    __m512 dz = acc##b;                                                                                   \
    if (kind == MlpActivation::Relu) {                                                                    \
      const __m512 zb = _mm512_maskz_loadu_ps(lanes, z + at + 16 * b);                                   \
      dz = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(zb, zero, _CMP_GT_OQ), acc##b);                         \
    } else if (kind == MlpActivation::Sigmoid) {                                                          \
      const __m512 yb = _mm512_maskz_loadu_ps(lanes, y + at + 16 * b);                                   \
      dz = _mm512_mul_ps(_mm512_mul_ps(acc##b, yb), _mm512_sub_ps(one, yb));                              \
    } else if (kind == MlpActivation::Tanh) {                                                             \
      const __m512 yb = _mm512_maskz_loadu_ps(lanes, y + at + 16 * b);                                   \
      dz = _mm512_sub_ps(acc##b, _mm512_mul_ps(_mm512_mul_ps(acc##b, yb), yb));                           \
    } else if (kind == MlpActivation::LeakyRelu) {                                                        \
      const __m512 zb = _mm512_maskz_loadu_ps(lanes, z + at + 16 * b);                                   \
      dz = _mm512_mask_mov_ps(_mm512_mul_ps(slope, acc##b), _mm512_cmp_ps_mask(zb, zero, _CMP_GT_OQ), acc##b); \
    }                                                                                                     \
    _mm512_store_ps(o + 16 * b, dz);                                                                      \
    bias##b = _mm512_add_ps(bias##b, dz);                                                                 \
    }
      BP_EACH_BLOCK(BP_OUT)
    }
  }
#define BP_DB(b) \
  if constexpr (V > b) _mm512_mask_storeu_ps(db + 16 * b, V - 1 == b ? last : static_cast<__mmask16>(0xffffu), bias##b);
  BP_EACH_BLOCK(BP_DB)
#undef BP_ZERO
#undef BP_ACC
#undef BP_FMA
#undef BP_NEXT
#undef BP_OUT
#undef BP_DB
}
const FirstLayerBackwardKernel kFirstLayerBackwardAvx512[5] = {nullptr, firstLayerBackwardAvx512<1>,
                                                               firstLayerBackwardAvx512<2>, firstLayerBackwardAvx512<3>,
                                                               firstLayerBackwardAvx512<4>};

// glibc's expf (sysdeps/ieee754/flt-32/e_expf.c, in the FMA build the scalar loop calls on any CPU
// with AVX-512) on eight lanes of doubles: the same table of 2^(i/32), polynomial and fused
// operations, so each result rounds to the same float and this level trains to the same weights,
// bit for bit, as the loops. x ≥ −103 (e^x is then under float's normal range and flushed to zero,
// as the step flushes denormals; below, the table index would overflow).
alignas(64) const uint64_t kExp2Table[32] = {
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51, 0x3fef72b83c7d517b,
    0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1, 0x3fef06fe0a31b715, 0x3feef1a7373aa9cb,
    0x3feedea64c123422, 0x3feece086061892d, 0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429,
    0x3feea47eb03a5585, 0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d, 0x3feee89f995ad3ad,
    0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069, 0x3fef5818dcfba487, 0x3fef7c97337b9b5f,
    0x3fefa4afa2a490da, 0x3fefd0765b6e4540};

BP_TARGET_AVX512 inline __m512d bitsAsDouble(uint64_t bits) {
  return _mm512_castsi512_pd(_mm512_set1_epi64(static_cast<long long>(bits)));
}

BP_TARGET_AVX512 inline __m256 expLikeLibm(__m256 x) {
  const __m512d xd = _mm512_max_pd(_mm512_cvtps_pd(x), _mm512_set1_pd(-103.0));
  const __m512d invLn2N = bitsAsDouble(0x40471547652b82fe);  // 32 / ln 2
  const __m512d shift = bitsAsDouble(0x4338000000000000);    // 1.5 · 2^52
  // x·32/ln 2 = k + r, k an integer, |r| ≤ 1/2; e^x = 2^(k/32) · 2^(r/32).
  const __m512d shifted = _mm512_fmadd_pd(invLn2N, xd, shift);
  const __m512i k = _mm512_castpd_si512(shifted);
  const __m512d r = _mm512_fmsub_pd(invLn2N, xd, _mm512_sub_pd(shifted, shift));
  // The table's entry k mod 32 from its four registers: two permutes of 16 entries and a blend by
  // bit 4 cost less than a gather (a softmax step's exponentials were ≈ 44 ticks a row with it).
  const __m512i low = _mm512_permutex2var_epi64(_mm512_load_si512(kExp2Table), k, _mm512_load_si512(kExp2Table + 8));
  const __m512i high = _mm512_permutex2var_epi64(_mm512_load_si512(kExp2Table + 16), k, _mm512_load_si512(kExp2Table + 24));
  const __m512i table = _mm512_mask_blend_epi64(_mm512_test_epi64_mask(k, _mm512_set1_epi64(16)), low, high);
  const __m512d scale = _mm512_castsi512_pd(_mm512_add_epi64(table, _mm512_slli_epi64(k, 47)));
  const __m512d z = _mm512_fmadd_pd(r, bitsAsDouble(0x3ebc6af84b912394), bitsAsDouble(0x3f2ebfce50fac4f3));
  __m512d y = _mm512_fmadd_pd(r, bitsAsDouble(0x3f962e42ff0c52d6), _mm512_set1_pd(1.0));
  y = _mm512_fmadd_pd(z, _mm512_mul_pd(r, r), y);
  return _mm512_cvtpd_ps(_mm512_mul_pd(y, scale));
}

// GCC 12 warns that the reduce intrinsics' internal "undefined" register may be used uninitialised
// (a known false positive of its headers, as in image_set.cc).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// softmaxLoss with a row of up to 16 classes in registers: the exponentials at once (the loop's
// calls of expf were a tenth of a step), everything else in the loop's order, so the results are
// the loop's bit for bit. A row with a score that is not finite takes the loop's path.
// Rows go 16 at a time, one lane each, with each class in a register of its own (gathered from the
// rows): each row's maximum, sum (its classes in order), quotients and dy are plain vector
// operations on the 16 rows at once, and the exponentials fill every lane; dy goes back to the rows
// through a small buffer (a scatter per class cost more on a Zen 4 core). Row by row (a row's
// classes in one register), the reductions across lanes and half-empty exponentials took ≈ 8.2 k
// ticks a step on that core, this ≈ 6.0 k.
BP_TARGET_AVX512 double softmaxLossAvx512(const float* scores, int rows, int classes, const uint8_t* labels,
                                          const int32_t* indices, float inverseRows, float* d) {
  if (classes > 16) return softmaxLossLoops(scores, rows, classes, labels, indices, inverseRows, d);
  constexpr int kRows = 16;
  const __m512 scale = _mm512_set1_ps(inverseRows);
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512i exponentBits = _mm512_set1_epi32(0x7f800000);
  // Row i of the block's first class: i · classes floats on.
  const __m512i rowStarts = _mm512_mullo_epi32(_mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                                               _mm512_set1_epi32(classes));
  LossSum loss;
  __m512 column[16];
  alignas(64) float labelProbability[kRows];
  alignas(64) float dyByClass[16][kRows];
  alignas(64) int32_t blockLabels[kRows] = {};  // lanes past a short last block unused
  for (int r0 = 0; r0 < rows; r0 += kRows) {
    const int count = std::min(kRows, rows - r0);
    const __mmask16 inBlock = static_cast<__mmask16>((1u << count) - 1u);
    const float* block = scores + static_cast<size_t>(r0) * classes;
    // A NaN or an infinity has every exponent bit set.
    __mmask16 notFinite = 0;
    __m512 max = _mm512_setzero_ps();
    for (int c = 0; c < classes; ++c) {
      column[c] = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), inBlock, rowStarts, block + c, 4);
      notFinite |= _mm512_cmpeq_epi32_mask(_mm512_and_si512(_mm512_castps_si512(column[c]), exponentBits), exponentBits);
      max = c == 0 ? column[0] : _mm512_max_ps(max, column[c]);
    }
    const __mmask16 finite = static_cast<__mmask16>(inBlock & ~notFinite);
    for (int i = 0; i < count; ++i) blockLabels[i] = labels[indices[r0 + i]];
    const __m512i label = _mm512_load_si512(blockLabels);
    __m512 sum = _mm512_setzero_ps();
    for (int c = 0; c < classes; ++c) {
      const __m512 x = _mm512_sub_ps(column[c], max);
      const __m256 low = expLikeLibm(_mm512_castps512_ps256(x));
      const __m256 high = expLikeLibm(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(x), 1)));
      column[c] = _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(low)), _mm256_castps_pd(high), 1));
      sum = _mm512_add_ps(sum, column[c]);
    }
    __m512 probabilityOfLabel = _mm512_setzero_ps();
    for (int c = 0; c < classes; ++c) {
      const __m512 probability = _mm512_div_ps(column[c], sum);
      const __mmask16 isLabel = _mm512_cmpeq_epi32_mask(label, _mm512_set1_epi32(c));
      probabilityOfLabel = _mm512_mask_mov_ps(probabilityOfLabel, isLabel, probability);
      const __m512 dy = _mm512_mask_sub_ps(probability, isLabel, probability, one);
      _mm512_store_ps(dyByClass[c], _mm512_mul_ps(dy, scale));
    }
    for (int i = 0; i < count; ++i) {
      if (!((finite >> i) & 1u)) continue;
      float* row = d + static_cast<size_t>(r0 + i) * classes;
      for (int c = 0; c < classes; ++c) row[c] = dyByClass[c][i];
    }
    _mm512_store_ps(labelProbability, probabilityOfLabel);
    for (int i = 0; i < count; ++i) {
      if ((finite >> i) & 1u) {
        loss.add(static_cast<double>(labelProbability[i]) + 1e-7);
      } else {
        const size_t at = static_cast<size_t>(r0 + i) * classes;
        loss.add(softmaxLossRow(scores + at, classes, blockLabels[i], inverseRows, d + at));
      }
    }
  }
  return loss.total();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// FirstLayerFinish: a row's sums, bias and activation a vector of 16 at a time, in one pass (the
// loops took three, over z and y in memory).
BP_TARGET_AVX512 bool firstLayerFinishAvx512(const float* s0, const float* s1, int stride, const float* b, int rows,
                                             int n, const LayerActivation& activation, float* z, float* y) {
  const MlpActivation kind = activation.kind;
  if (kind != MlpActivation::Relu && kind != MlpActivation::LeakyRelu && kind != MlpActivation::None) return false;
  const __m512 zero = _mm512_setzero_ps();
  const __m512 slope = _mm512_set1_ps(activation.slope);
  for (int r = 0; r < rows; ++r) {
    const float* a0 = s0 + static_cast<size_t>(r) * stride;
    const float* a1 = s1 ? s1 + static_cast<size_t>(r) * stride : nullptr;
    float* zr = z + static_cast<size_t>(r) * n;
    float* yr = y + static_cast<size_t>(r) * n;
    for (int j = 0; j < n; j += 16) {
      const __mmask16 lanes = n - j >= 16 ? static_cast<__mmask16>(0xffffu) : static_cast<__mmask16>((1u << (n - j)) - 1u);
      __m512 sum = _mm512_load_ps(a0 + j);
      if (a1) sum = _mm512_add_ps(sum, _mm512_load_ps(a1 + j));
      const __m512 v = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(lanes, b + j));
      const __mmask16 positive = _mm512_cmp_ps_mask(v, zero, _CMP_GT_OQ);
      __m512 out = v;
      if (kind == MlpActivation::Relu) out = _mm512_maskz_mov_ps(positive, v);
      if (kind == MlpActivation::LeakyRelu) out = _mm512_mask_mov_ps(_mm512_mul_ps(slope, v), positive, v);
      _mm512_mask_storeu_ps(zr + j, lanes, v);
      _mm512_mask_storeu_ps(yr + j, lanes, out);
    }
  }
  return true;
}

}  // namespace

const MlpKernels& avx512MlpKernels() {
  static const MlpKernels kernels{csrTimesDenseAvx512,   smallGradientAvx512, avx2MlpKernels().imageRows,
                                  avx2MlpKernels().imageGradient, kImageRowsAvx512, kImageGradientAvx512,
                                  16, 4, smallTimesDenseAvx512, kFirstLayerBackwardAvx512, pixelProducts(),
                                  softmaxLossAvx512, firstLayerFinishAvx512, 3, kImagePairRowsAvx512,
                                  kListingStepRowsAvx512, kPixelGradientAvx512};
  return kernels;
}

}  // namespace bp

#endif
