#include "mnist_batch.h"

#include <cstring>

namespace bp {

void gatherBatch(const uint8_t* images, const uint8_t* labels, size_t imageCount, size_t pixels, size_t classes,
                 const int32_t* indices, size_t batch, float* x, float* t) {
  // Each byte's value divided in double and rounded once, as the JS backend's v / 255 gives.
  float scaled[256];
  for (int v = 0; v < 256; ++v) scaled[v] = static_cast<float>(v / 255.0);
  std::memset(t, 0, sizeof(float) * batch * classes);
  for (size_t r = 0; r < batch; ++r) {
    // Read once: the checks were made before, but the memory may be shared with another thread.
    const int32_t index = indices[r];
    float* row = x + r * pixels;
    if (index < 0 || static_cast<size_t>(index) >= imageCount) {
      std::memset(row, 0, sizeof(float) * pixels);
      continue;
    }
    const uint8_t* image = images + static_cast<size_t>(index) * pixels;
    for (size_t p = 0; p < pixels; ++p) row[p] = scaled[image[p]];
    const uint8_t label = labels[index];
    if (label < classes) t[r * classes + label] = 1.0f;
  }
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
