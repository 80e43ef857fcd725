// The images of a set two by two, each pair's lit pixels merged into one ascending list whose
// entries carry both images' values (0 where one of them is dark). An accuracy count sums a pair's
// two images in one pass over its list: each row of W it loads serves both, and the two images'
// sums are eight independent chains for the core where one image's four wait on each other (the
// fused multiply-add's latency bound a single image to one row of W every 4 cycles).
// The pairs are made within each label (images of one digit share more lit pixels): on MNIST's
// training set their lists are 0.69 of their images' two lists (0.77 for neighbours in the set).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "large_array.h"

namespace bp {

class ImagePairs {
 public:
  // No second image: the last pair of a set with an odd count holds one image.
  static constexpr size_t kNoImage = ~static_cast<size_t>(0);
  // The most pixels an image may have (an entry holds a pixel index in 16 bits).
  static constexpr int kMaxPixels = 65536;

  // images: count × pixels values (1 ≤ pixels ≤ kMaxPixels), labels: count.
  ImagePairs(const uint8_t* images, const uint8_t* labels, size_t count, int pixels);

  size_t count() const { return first_.size(); }
  // Pair q's images (second(q) may be kNoImage).
  size_t first(size_t q) const { return first_[q]; }
  size_t second(size_t q) const { return second_[q]; }
  // Pair q's entries [begin(q), end(q)): pixel | first's value << 16 | second's value << 24,
  // pixels ascending, each lit in at least one of the two images.
  size_t begin(size_t q) const { return start_[q]; }
  size_t end(size_t q) const { return start_[q + 1]; }
  const uint32_t* entry() const { return entry_.data(); }
  // Start loading every line of the entries [from, to) into the cache without waiting for them.
  void prefetch(size_t from, size_t to) const;

  static uint32_t pixelOf(uint32_t entry) { return entry & 0xffffu; }

 private:
  std::vector<size_t> first_, second_, start_;
  LargeArray<uint32_t> entry_;
};

}  // namespace bp
