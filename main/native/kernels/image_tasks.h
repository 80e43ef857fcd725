// A set's images shared out to pool tasks in runs of consecutive images (a task's counts and
// entries stay together), for the passes that list each image's pixels (ImageSet, PixelPairs).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace bp {

class ImageTasks {
 public:
  static constexpr size_t kImagesPerTask = 2048;

  // images: count × pixels values.
  ImageTasks(const uint8_t* images, size_t count, int pixels) : images_(images), count_(count), pixels_(pixels) {}

  int tasks() const { return static_cast<int>((count_ + kImagesPerTask - 1) / kImagesPerTask); }
  // One past task t's last image.
  size_t end(int t) const { return std::min(count_, (static_cast<size_t>(t) + 1) * kImagesPerTask); }
  // body(i, image i's values) for each image of task t, in order.
  template <typename Body>
  void forEach(int t, Body body) const {
    for (size_t i = static_cast<size_t>(t) * kImagesPerTask; i < end(t); ++i) body(i, images_ + i * pixels_);
  }

 private:
  const uint8_t* images_;
  size_t count_;
  int pixels_;
};

}  // namespace bp
