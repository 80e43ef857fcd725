#include "image_set.h"

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

// Lists an image's lit pixels and values from pixel[0], value[0]; returns how many.
size_t listLit(const uint8_t* image, int pixels, uint16_t* pixel, uint8_t* value) {
  size_t at = 0;
  for (int k = 0; k < pixels; ++k) {
    if (image[k] == 0) continue;
    pixel[at] = static_cast<uint16_t>(k);
    value[at++] = image[k];
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
// The same, 16 pixels at a time, branch-free: each step stores 16 entries of which only the lit
// ones are kept, so up to 15 slots past the image's entries are written too (the caller makes
// sure nobody else owns them).
BP_TARGET_AVX512 size_t listLitAvx512(const uint8_t* image, int pixels, uint16_t* pixel, uint8_t* value) {
  __m512i k = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i sixteen = _mm512_set1_epi32(16);
  size_t at = 0;
  int j = 0;
  for (; j + 16 <= pixels; j += 16) {
    const __m512i p = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(image + j)));
    const __mmask16 lit = _mm512_test_epi32_mask(p, p);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(pixel + at), _mm512_cvtepi32_epi16(_mm512_maskz_compress_epi32(lit, k)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(value + at), _mm512_cvtepi32_epi8(_mm512_maskz_compress_epi32(lit, p)));
    at += static_cast<size_t>(__builtin_popcount(lit));
    k = _mm512_add_epi32(k, sixteen);
  }
  for (; j < pixels; ++j) {
    if (image[j] == 0) continue;
    pixel[at] = static_cast<uint16_t>(j);
    value[at++] = image[j];
  }
  return at;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

}  // namespace

ImageSet::ImageSet(const uint8_t* images, const uint8_t* labels, size_t count, int pixels)
    : pixels_(pixels), labels_(labels, labels + count), start_(count + 1, 0) {
  if (pixels < 1 || pixels > kMaxPixels) throw std::invalid_argument("ImageSet: pixels out of range");
  for (size_t i = 0; i < count; ++i) {
    if (labels[i] > maxLabel_) {
      maxLabel_ = labels[i];
      maxLabelIndex_ = i;
    }
  }
  const ImageTasks split(images, count, pixels);
  const int tasks = split.tasks();
  // Two passes: count each image's lit pixels, then (after the running sum) list them.
  parallelFor(tasks, [&](int t) {
    split.forEach(t, [&](size_t i, const uint8_t* image) {
      size_t lit = 0;
      for (int k = 0; k < pixels; ++k) lit += image[k] != 0;
      start_[i + 1] = lit;
    });
  });
  for (size_t i = 0; i < count; ++i) start_[i + 1] += start_[i];
  pixel_ = LargeArray<uint16_t>(start_[count]);
  value_ = LargeArray<uint8_t>(start_[count]);
  const bool vector = activeSimdLevel() == SimdLevel::Avx512;
  if (vector) pairs_ = std::make_unique<const ImagePairs>(images, labels, count, pixels);
  if (vector && supportsAvx512Vnni()) pixelPairs_ = std::make_unique<const PixelPairs>(images, count, pixels);
  // Each task lists its images and counts its entries per pixel (for the split below).
  std::vector<std::vector<size_t>> perPixelOfTask(tasks, std::vector<size_t>(static_cast<size_t>(pixels), 0));
  parallelFor(tasks, [&](int t) {
    std::vector<size_t>& perPixel = perPixelOfTask[t];
    // The task's entries end where the next task's begin: the vector lister's stray writes (up to
    // 15 slots past an image, overwritten by the images after it) must stay before that.
    const size_t taskEnd = start_[split.end(t)];
    split.forEach(t, [&](size_t i, const uint8_t* image) {
      uint16_t* pixel = pixel_.data() + start_[i];
      uint8_t* value = value_.data() + start_[i];
#if BP_HAVE_X86_KERNELS
      if (vector && start_[i + 1] + 16 <= taskEnd) {
        listLitAvx512(image, pixels, pixel, value);
      } else
#endif
      {
        listLit(image, pixels, pixel, value);
      }
      for (size_t j = start_[i]; j < start_[i + 1]; ++j) ++perPixel[pixel_[j]];
    });
  });
  std::vector<size_t> perPixel(static_cast<size_t>(pixels), 0);
  for (const auto& counts : perPixelOfTask)
    for (int k = 0; k < pixels; ++k) perPixel[k] += counts[k];
  size_t below = 0;
  while (splitPixel_ < pixels && 2 * below < start_[count]) below += perPixel[splitPixel_++];
  middle_.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const uint16_t* first = pixel_.data() + start_[i];
    const uint16_t* last = pixel_.data() + start_[i + 1];
    middle_[i] = splitPixel_ >= pixels
                     ? start_[i + 1]
                     : static_cast<size_t>(std::lower_bound(first, last, static_cast<uint16_t>(splitPixel_)) - pixel_.data());
  }
  if (vector) stepEntries_ = StepEntries::make(pixel_.data(), value_.data(), start_, pixels, splitPixel_);
}

void ImageSet::prefetchFirst(size_t entry) const {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(pixel_.data() + entry);
  __builtin_prefetch(value_.data() + entry);
#else
  (void)entry;
#endif
}

void ImageSet::prefetch(size_t from, size_t to, Toward toward) const {
  prefetchLines(pixel_.data() + from, pixel_.data() + to, toward);
  prefetchLines(value_.data() + from, value_.data() + to, toward);
}

}  // namespace bp
