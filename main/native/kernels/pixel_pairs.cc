#include "pixel_pairs.h"

#include <algorithm>
#include <stdexcept>

#include "thread_pool.h"

namespace bp {

namespace {

// Images per pool task (a task's counts and entries stay together).
constexpr size_t kImagesPerTask = 2048;

// Image `image`'s entries into out (if not null). Returns how many, and the sum of its values in *sum.
size_t listPairs(const uint8_t* image, int pixels, uint32_t* out, uint32_t* sum) {
  size_t at = 0;
  uint32_t total = 0;
  for (int k = 0; k < pixels; k += 2) {
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

}  // namespace

PixelPairs::PixelPairs(const uint8_t* images, size_t count, int pixels)
    : pairs_((pixels + 1) / 2), start_(count + 1, 0), valueSum_(count, 0) {
  if (pixels < 1 || pixels > kMaxPixels) throw std::invalid_argument("PixelPairs: pixels out of range");
  const int tasks = static_cast<int>((count + kImagesPerTask - 1) / kImagesPerTask);
  auto range = [&](int t, auto body) {
    const size_t last = std::min(count, (static_cast<size_t>(t) + 1) * kImagesPerTask);
    for (size_t i = static_cast<size_t>(t) * kImagesPerTask; i < last; ++i) body(i, images + i * pixels);
  };
  // Two passes: count each image's entries, then (after the running sum) list them.
  parallelFor(tasks, [&](int t) {
    range(t, [&](size_t i, const uint8_t* image) { start_[i + 1] = listPairs(image, pixels, nullptr, &valueSum_[i]); });
  });
  for (size_t i = 0; i < count; ++i) start_[i + 1] += start_[i];
  entry_ = LargeArray<uint32_t>(start_[count]);
  parallelFor(tasks, [&](int t) {
    range(t, [&](size_t i, const uint8_t* image) {
      uint32_t sum;
      listPairs(image, pixels, entry_.data() + start_[i], &sum);
    });
  });
  for (size_t i = 0; i < count; ++i) largestValueSum_ = std::max(largestValueSum_, valueSum_[i]);
}

}  // namespace bp
