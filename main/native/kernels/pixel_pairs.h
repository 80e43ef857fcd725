// An image set's images with their pixels taken two by two (pixels 2m and 2m + 1, "pair m"), for
// the bounded accuracy count (bounded_count.h), whose integer dot products take two inputs at a
// time: each image lists the pairs with a lit pixel, ascending. On MNIST an image has ≈ 88 such
// pairs against ≈ 150 lit pixels.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "large_array.h"

namespace bp {

class PixelPairs {
 public:
  // The most pixels an image may have (an entry holds its pair's index in 16 bits).
  static constexpr int kMaxPixels = 65536;

  // images: count × pixels values (1 ≤ pixels ≤ kMaxPixels).
  PixelPairs(const uint8_t* images, size_t count, int pixels);

  // Pairs per image: (pixels + 1) / 2 (an odd count's last pair has a dark second pixel).
  int pairs() const { return pairs_; }
  // Image i's entries [begin(i), end(i)): the pair | its first pixel's value << 16 | its second's << 24.
  size_t begin(size_t i) const { return start_[i]; }
  size_t end(size_t i) const { return start_[i + 1]; }
  const uint32_t* entry() const { return entry_.data(); }
  // The sum of image i's pixel values (0..255 each), and the largest such sum in the set.
  uint32_t valueSum(size_t i) const { return valueSum_[i]; }
  uint32_t largestValueSum() const { return largestValueSum_; }

  static uint32_t pairOf(uint32_t entry) { return entry & 0xffffu; }

 private:
  int pairs_;
  std::vector<size_t> start_;
  std::vector<uint32_t> valueSum_;
  uint32_t largestValueSum_ = 0;
  LargeArray<uint32_t> entry_;
};

}  // namespace bp
