// A set's images shared out to pool tasks in runs of consecutive images (a task's counts and
// entries stay together), for the passes that list each image's pixels (ImageSet, PixelPairs) or
// lay its lists out again (StepEntries).
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
  // For passes over a set's lists, not its images: tasks(), begin() and end() only.
  explicit ImageTasks(size_t count) : ImageTasks(nullptr, count, 0) {}

  int tasks() const { return static_cast<int>((count_ + kImagesPerTask - 1) / kImagesPerTask); }
  // Task t's first image, and one past its last.
  size_t begin(int t) const { return static_cast<size_t>(t) * kImagesPerTask; }
  size_t end(int t) const { return std::min(count_, (static_cast<size_t>(t) + 1) * kImagesPerTask); }
  // body(i, image i's values) for each image of task t, in order.
  template <typename Body>
  void forEach(int t, Body body) const {
    for (size_t i = begin(t); i < end(t); ++i) body(i, images_ + i * pixels_);
  }

 private:
  const uint8_t* images_;
  size_t count_;
  int pixels_;
};

}  // namespace bp
