#include "pixel_pairs.h"

#include <algorithm>
#include <stdexcept>

#include "simd_level.h"
#include "image_tasks.h"
#include "thread_pool.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>
#endif

namespace bp {

namespace {

// Image `image`'s entries from pixel `from` (even) on into out (if not null). Returns how many, and
// the sum of those pixels' values in *sum.
size_t listPairs(const uint8_t* image, int from, int pixels, uint32_t* out, uint32_t* sum) {
  size_t at = 0;
  uint32_t total = 0;
  for (int k = from; k < pixels; k += 2) {
    const uint32_t first = image[k];
    const uint32_t second = k + 1 < pixels ? image[k + 1] : 0u;
    total += first + second;
    if ((first | second) == 0) continue;
    if (out) out[at] = static_cast<uint32_t>(k / 2) | first << 16 | second << 24;
    ++at;
  }
  *sum = total;
  return at;
}

#if BP_HAVE_X86_KERNELS
// GCC 12 warns that the conversion intrinsics' internal "undefined" register may be used
// uninitialised (a known false positive of its headers).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
// The same, 16 pairs at a time (an entry is the pair's index | its two bytes as one 16-bit value
// << 16), branch-free: each step stores 16 slots of which the lit ones are kept, so up to 15 slots
// past the image's entries are written too (the caller makes sure nobody else owns them). Only
// where PixelPairs are made: the CPU has AVX-512 with VNNI (and so BW).
BP_TARGET_AVX512_VNNI size_t listPairsAvx512(const uint8_t* image, int pixels, uint32_t* out, uint32_t* sum) {
  __m512i m = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i sixteen = _mm512_set1_epi32(16);
  const __m512i lowByte = _mm512_set1_epi32(0xff);
  __m512i total = _mm512_setzero_si512();
  size_t at = 0;
  int k = 0;
  for (; k + 32 <= pixels; k += 32) {
    const __m512i both = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(image + k)));
    total = _mm512_add_epi32(total, _mm512_add_epi32(_mm512_and_si512(both, lowByte), _mm512_srli_epi32(both, 8)));
    const __mmask16 lit = _mm512_test_epi32_mask(both, both);
    if (out) _mm512_storeu_si512(out + at, _mm512_maskz_compress_epi32(lit, _mm512_or_si512(m, _mm512_slli_epi32(both, 16))));
    at += static_cast<size_t>(__builtin_popcount(lit));
    m = _mm512_add_epi32(m, sixteen);
  }
  uint32_t rest;
  at += listPairs(image, k, pixels, out ? out + at : nullptr, &rest);
  *sum = static_cast<uint32_t>(_mm512_reduce_add_epi32(total)) + rest;
  return at;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

// An image's entries (listPairs' result) by the vector lister where `vector` says it may be used.
size_t listImage(const uint8_t* image, int pixels, uint32_t* out, uint32_t* sum, bool vector) {
#if BP_HAVE_X86_KERNELS
  if (vector) return listPairsAvx512(image, pixels, out, sum);
#else
  (void)vector;
#endif
  return listPairs(image, 0, pixels, out, sum);
}

}  // namespace

PixelPairs::PixelPairs(const uint8_t* images, size_t count, int pixels)
    : pairs_((pixels + 1) / 2), start_(count + 1, 0), valueSum_(count, 0) {
  if (pixels < 1 || pixels > kMaxPixels) throw std::invalid_argument("PixelPairs: pixels out of range");
  const ImageTasks split(images, count, pixels);
  const int tasks = split.tasks();
  // Two passes: count each image's entries, then (after the running sum) list them.
  const bool vector = supportsAvx512Vnni();
  parallelFor(tasks, [&](int t) {
    split.forEach(t, [&](size_t i, const uint8_t* image) { start_[i + 1] = listImage(image, pixels, nullptr, &valueSum_[i], vector); });
  });
  for (size_t i = 0; i < count; ++i) start_[i + 1] += start_[i];
  entry_ = LargeArray<uint32_t>(start_[count]);
  parallelFor(tasks, [&](int t) {
    // The task's entries end where the next task's begin: the vector lister's stray writes (up to
    // 15 slots past an image, overwritten by the images after it) must stay before that.
    const size_t taskEnd = start_[split.end(t)];
    split.forEach(t, [&](size_t i, const uint8_t* image) {
      uint32_t sum;
      listImage(image, pixels, entry_.data() + start_[i], &sum, vector && start_[i + 1] + 16 <= taskEnd);
    });
  });
  for (size_t i = 0; i < count; ++i) largestValueSum_ = std::max(largestValueSum_, valueSum_[i]);
}

}  // namespace bp
