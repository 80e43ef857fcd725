#include "image_pairs.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "simd_level.h"
#include "thread_pool.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>
#endif

namespace bp {

namespace {

// Pairs per pool task while merging.
constexpr size_t kPairsPerTask = 1024;

// The entries of images a and b (b may be null: dark everywhere) from pixel `from` on into out (if
// not null), branch-free: each pixel writes a slot, kept when lit. Returns how many.
size_t mergeLit(const uint8_t* a, const uint8_t* b, int from, int pixels, uint32_t* out) {
  size_t at = 0;
  for (int k = from; k < pixels; ++k) {
    const uint32_t va = a[k];
    const uint32_t vb = b ? b[k] : 0u;
    if (out) out[at] = static_cast<uint32_t>(k) | va << 16 | vb << 24;
    at += (va | vb) != 0;
  }
  return at;
}

#if BP_HAVE_X86_KERNELS
// GCC 12 warns that the conversion intrinsics' internal "undefined" register may be used
// uninitialised (a known false positive of its headers).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// The same, 16 pixels at a time: each step stores 16 slots of which the lit ones are kept, so out
// needs room for 15 past the last entry.
BP_TARGET_AVX512 size_t mergeLitAvx512(const uint8_t* a, const uint8_t* b, int pixels, uint32_t* out) {
  __m512i k = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i sixteen = _mm512_set1_epi32(16);
  size_t at = 0;
  int j = 0;
  for (; j + 16 <= pixels; j += 16) {
    const __m512i va = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a + j)));
    const __m512i vb = b ? _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(b + j))) : _mm512_setzero_si512();
    const __mmask16 lit = _mm512_test_epi32_mask(_mm512_or_si512(va, vb), _mm512_or_si512(va, vb));
    if (out) {
      const __m512i entries = _mm512_or_si512(k, _mm512_or_si512(_mm512_slli_epi32(va, 16), _mm512_slli_epi32(vb, 24)));
      _mm512_storeu_si512(out + at, _mm512_maskz_compress_epi32(lit, entries));
    }
    at += static_cast<size_t>(__builtin_popcount(lit));
    k = _mm512_add_epi32(k, sixteen);
  }
  return at + mergeLit(a, b, j, pixels, out ? out + at : nullptr);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

void prefetchImage(const uint8_t* image, int pixels) {
#if defined(__GNUC__) || defined(__clang__)
  if (!image) return;
  for (int k = 0; k < pixels; k += 64) __builtin_prefetch(image + k);
#else
  (void)image;
  (void)pixels;
#endif
}

size_t merge(const uint8_t* a, const uint8_t* b, int pixels, uint32_t* out) {
#if BP_HAVE_X86_KERNELS
  if (activeSimdLevel() == SimdLevel::Avx512) return mergeLitAvx512(a, b, pixels, out);
#endif
  return mergeLit(a, b, 0, pixels, out);
}

}  // namespace

ImagePairs::ImagePairs(const uint8_t* images, const uint8_t* labels, size_t count, int pixels) {
  if (pixels < 1 || pixels > kMaxPixels) throw std::invalid_argument("ImagePairs: pixels out of range");
  // The images by label, in the set's order within each label.
  std::vector<size_t> perLabel(257, 0);
  for (size_t i = 0; i < count; ++i) ++perLabel[labels[i] + 1];
  for (int l = 0; l < 256; ++l) perLabel[l + 1] += perLabel[l];
  std::vector<size_t> order(count);
  for (size_t i = 0; i < count; ++i) order[perLabel[labels[i]]++] = i;
  const size_t pairs = (count + 1) / 2;
  first_.resize(pairs);
  second_.resize(pairs);
  for (size_t q = 0; q < pairs; ++q) {
    first_[q] = order[2 * q];
    second_[q] = 2 * q + 1 < count ? order[2 * q + 1] : kNoImage;
  }
  const auto imageOf = [&](size_t i) { return i == kNoImage ? nullptr : images + i * static_cast<size_t>(pixels); };
  const int tasks = static_cast<int>((pairs + kPairsPerTask - 1) / kPairsPerTask);
  // Task t's pairs in order. Read in label order, the images are far apart: the next pair's lines
  // are asked for while one is merged.
  const auto eachPair = [&](int t, auto body) {
    const size_t last = std::min(pairs, (static_cast<size_t>(t) + 1) * kPairsPerTask);
    for (size_t q = static_cast<size_t>(t) * kPairsPerTask; q < last; ++q) {
      if (q + 1 < pairs) {
        prefetchImage(imageOf(first_[q + 1]), pixels);
        prefetchImage(imageOf(second_[q + 1]), pixels);
      }
      body(q, imageOf(first_[q]), imageOf(second_[q]));
    }
  };
  // Two passes, as the image set's listing: count each pair's lit pixels, then (after the running
  // sum) merge them.
  start_.assign(pairs + 1, 0);
  parallelFor(tasks, [&](int t) {
    eachPair(t, [&](size_t q, const uint8_t* a, const uint8_t* b) { start_[q + 1] = merge(a, b, pixels, nullptr); });
  });
  for (size_t q = 0; q < pairs; ++q) start_[q + 1] += start_[q];
  entry_ = LargeArray<uint32_t>(start_[pairs]);
  parallelFor(tasks, [&](int t) {
    std::vector<uint32_t> merged(static_cast<size_t>(pixels) + 16);
    eachPair(t, [&](size_t q, const uint8_t* a, const uint8_t* b) {
      std::memcpy(entry_.data() + start_[q], merged.data(), merge(a, b, pixels, merged.data()) * sizeof(uint32_t));
    });
  });
}

void ImagePairs::prefetch(size_t from, size_t to) const {
#if defined(__GNUC__) || defined(__clang__)
  const uintptr_t line = 64;
  const uintptr_t last = reinterpret_cast<uintptr_t>(entry_.data() + to);
  for (uintptr_t p = reinterpret_cast<uintptr_t>(entry_.data() + from) & ~(line - 1); p < last; p += line)
    __builtin_prefetch(reinterpret_cast<const void*>(p));
#else
  (void)from;
  (void)to;
#endif
}

}  // namespace bp
