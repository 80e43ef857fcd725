// An image set's lit pixels again, in the form a training step's first layer reads: two bytes an
// entry (the pixel's low byte, its value in the high byte) in groups of 256 pixels, each group ended
// by a zero entry (a lit pixel's value is never 0). A step's batch is drawn at random from tens of
// megabytes of entries, so each of its images' lines comes from memory; in this form an image spans
// about 40 % fewer lines than in the set's separate pixel and value arrays (3 bytes an entry).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "large_array.h"
#include "prefetch_lines.h"

namespace bp {

class StepEntries {
 public:
  static constexpr int kGroupPixels = 256;

  // From a set's lists (pixel[j], value[j] for j in [start[i], start[i + 1]), pixels ascending) of
  // images with `pixels` pixels, split into halves at `splitPixel` (ImageSet::splitPixel); null
  // where the entries would not fit 32-bit offsets.
  static std::unique_ptr<const StepEntries> make(const uint16_t* pixel, const uint8_t* value,
                                                 const std::vector<size_t>& start, int pixels, int splitPixel);

  const uint16_t* entry() const { return entry_.data(); }
  // Image i's entries of half `half` (0: pixels below the split): [halfBegin, halfEnd). Half 1 starts
  // in the split's group where that group's first pixel at or past the split is, or at the group's
  // end if it has none there.
  size_t halfBegin(size_t i, int half) const { return half == 0 ? bounds_[i].begin : bounds_[i].middle; }
  size_t halfEnd(size_t i, int half) const { return half == 0 ? bounds_[i].middle : bounds_[i + 1].begin; }
  static bool endsGroup(uint16_t entry) { return (entry >> 8) == 0; }
  void prefetch(size_t from, size_t to, Toward toward) const { prefetchLines(entry() + from, entry() + to, toward); }

 private:
  StepEntries() = default;
  // Both offsets of an image in one place: a lookup for a random image of a batch is one line.
  struct Bounds {
    uint32_t begin, middle;
  };
  std::vector<Bounds> bounds_;
  LargeArray<uint16_t> entry_;
};

}  // namespace bp
