#include "mnist_batch.h"

#include <algorithm>
#include <cstring>

#include "simd_level.h"
#include "thread_pool.h"

namespace bp {

namespace {

// v / 255 for each byte, rounded to float: the double product v · (1/255) rounds to the same float
// as the JS backend's v / 255 for all 256 values, and vectorises (clones for AVX-512 and AVX2 where
// the toolchain makes them; every clone gives the same numbers).
#if defined(BP_HAVE_X86_KERNELS) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void scaleBytes(const uint8_t* source, size_t count, float* target) {
  for (size_t p = 0; p < count; ++p) target[p] = static_cast<float>(source[p] * (1.0 / 255.0));
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
