#include "mnist_batch.h"

#include <algorithm>
#include <cstring>

#include "simd_level.h"

#if defined(BP_HAVE_X86_KERNELS)
#include <immintrin.h>
#endif
#include "thread_pool.h"

namespace bp {

namespace {

// v / 255 for each byte, rounded to float: the double product v · (1/255) rounds to the same float
// as the JS backend's v / 255 for all 256 values, and vectorises (every level gives the same numbers).
void scaleBytesScalar(const uint8_t* source, size_t count, float* target) {
  for (size_t p = 0; p < count; ++p) target[p] = static_cast<float>(source[p] * (1.0 / 255.0));
}

#if defined(BP_HAVE_X86_KERNELS)
// GCC 12 warns that the conversion intrinsics' internal "undefined" register may be used
// uninitialised (a known false positive of its headers).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// 16 bytes a step, 2.5× the compiler's vectorised scalar loop. At AVX2 a hand-written 8-byte loop
// gained only 1.3× (about 4 µs per batch of 100 images), not worth a second copy: it runs the scalar one.
BP_TARGET_AVX512 void scaleBytesAvx512(const uint8_t* source, size_t count, float* target) {
  const __m512d scale = _mm512_set1_pd(1.0 / 255.0);
  size_t p = 0;
  for (; p + 16 <= count; p += 16) {
    const __m512i ints = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(source + p)));
    const __m512d low = _mm512_mul_pd(_mm512_cvtepi32_pd(_mm512_castsi512_si256(ints)), scale);
    const __m512d high = _mm512_mul_pd(_mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(ints, 1)), scale);
    _mm256_storeu_ps(target + p, _mm512_cvtpd_ps(low));
    _mm256_storeu_ps(target + p + 8, _mm512_cvtpd_ps(high));
  }
  scaleBytesScalar(source + p, count - p, target + p);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

void scaleBytes(const uint8_t* source, size_t count, float* target) {
#if defined(BP_HAVE_X86_KERNELS)
  if (activeSimdLevel() == SimdLevel::Avx512) {
    scaleBytesAvx512(source, count, target);
    return;
  }
#endif
  scaleBytesScalar(source, count, target);
}

void gatherRows(const uint8_t* images, const uint8_t* labels, size_t imageCount, size_t pixels, size_t classes,
                const int32_t* indices, size_t rowBegin, size_t rowEnd, float* x, float* t) {
  for (size_t r = rowBegin; r < rowEnd; ++r) {
    // Read once: the checks were made before, but the memory may be shared with another thread.
    const int32_t index = indices[r];
    float* row = x + r * pixels;
    float* target = t + r * classes;
    std::memset(target, 0, sizeof(float) * classes);
    if (index < 0 || static_cast<size_t>(index) >= imageCount) {
      std::memset(row, 0, sizeof(float) * pixels);
      continue;
    }
    scaleBytes(images + static_cast<size_t>(index) * pixels, pixels, row);
    const uint8_t label = labels[index];
    if (label < classes) target[label] = 1.0f;
  }
}

}  // namespace

void gatherBatch(const uint8_t* images, const uint8_t* labels, size_t imageCount, size_t pixels, size_t classes,
                 const int32_t* indices, size_t batch, float* x, float* t) {
  constexpr size_t kRowsPerTask = 512;
  if (batch < 4 * kRowsPerTask || poolThreadCount() == 1) {
    gatherRows(images, labels, imageCount, pixels, classes, indices, 0, batch, x, t);
    return;
  }
  const int tasks = static_cast<int>((batch + kRowsPerTask - 1) / kRowsPerTask);
  parallelFor(tasks, [&](int task) {
    const size_t begin = static_cast<size_t>(task) * kRowsPerTask;
    gatherRows(images, labels, imageCount, pixels, classes, indices, begin, std::min(batch, begin + kRowsPerTask), x, t);
  });
}

size_t countCorrect(const float* scores, size_t rows, size_t cols, const uint8_t* labels) {
  size_t correct = 0;
  for (size_t r = 0; r < rows; ++r) {
    const float* row = scores + r * cols;
    size_t best = 0;
    for (size_t c = 1; c < cols; ++c) {
      if (row[c] > row[best]) best = c;
    }
    correct += best == labels[r];
  }
  return correct;
}

}  // namespace bp
