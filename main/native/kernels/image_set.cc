#include "image_set.h"

#include <algorithm>
#include <stdexcept>

#include "thread_pool.h"

namespace bp {

namespace {

// Images per pool task while listing (a task's counts and entries stay together).
constexpr size_t kImagesPerTask = 2048;

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
  const int tasks = static_cast<int>((count + kImagesPerTask - 1) / kImagesPerTask);
  auto range = [&](int t, auto body) {
    const size_t last = std::min(count, (static_cast<size_t>(t) + 1) * kImagesPerTask);
    for (size_t i = static_cast<size_t>(t) * kImagesPerTask; i < last; ++i) body(i, images + i * pixels);
  };
  // Two passes: count each image's lit pixels, then (after the running sum) list them.
  parallelFor(tasks, [&](int t) {
    range(t, [&](size_t i, const uint8_t* image) {
      size_t lit = 0;
      for (int k = 0; k < pixels; ++k) lit += image[k] != 0;
      start_[i + 1] = lit;
    });
  });
  for (size_t i = 0; i < count; ++i) start_[i + 1] += start_[i];
  pixel_ = LargeArray<uint16_t>(start_[count]);
  value_ = LargeArray<uint8_t>(start_[count]);
  // Each task lists its images and counts its entries per pixel (for the split below).
  std::vector<std::vector<size_t>> perPixelOfTask(tasks, std::vector<size_t>(static_cast<size_t>(pixels), 0));
  parallelFor(tasks, [&](int t) {
    std::vector<size_t>& perPixel = perPixelOfTask[t];
    const size_t lastImage = std::min(count, (static_cast<size_t>(t) + 1) * kImagesPerTask) - 1;
    range(t, [&](size_t i, const uint8_t* image) {
      size_t at = start_[i];
      if (i == lastImage) {
        // The task's last image: its entries end where the next task's begin, so no stray write.
        for (int k = 0; k < pixels; ++k) {
          if (image[k] == 0) continue;
          pixel_[at] = static_cast<uint16_t>(k);
          value_[at++] = image[k];
        }
      } else {
        // Branch-free (MNIST's zeros are too irregular to predict): every pixel is written and only
        // the lit ones advance; the write past this image's entries is overwritten by the next image.
        for (int k = 0; k < pixels; ++k) {
          pixel_[at] = static_cast<uint16_t>(k);
          value_[at] = image[k];
          at += image[k] != 0;
        }
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
}

}  // namespace bp
