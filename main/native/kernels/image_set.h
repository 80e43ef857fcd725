// A set of uint8 images and their labels with each image's nonzero pixels listed once, so that
// training steps and accuracy passes read only the lit pixels (about a fifth of MNIST's) instead of
// scanning every image again on every pass; and, for counts, the images two by two (ImagePairs) and
// their pixels two by two (PixelPairs).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "image_pairs.h"
#include "large_array.h"
#include "pixel_pairs.h"
#include "prefetch_lines.h"
#include "step_entries.h"

namespace bp {

class ImageSet {
 public:
  // The most pixels an image may have (pixel indices are stored in 16 bits).
  static constexpr int kMaxPixels = ImagePairs::kMaxPixels;

  // images: count × pixels values (pixels ≤ kMaxPixels), labels: count. Both are copied as needed;
  // the arrays may change or go away afterwards.
  ImageSet(const uint8_t* images, const uint8_t* labels, size_t count, int pixels);

  size_t count() const { return labels_.size(); }
  // The lit pixels of all images.
  size_t entries() const { return start_.back(); }
  int pixels() const { return pixels_; }
  const uint8_t* labels() const { return labels_.data(); }
  // The largest label and the first image that has it (for error messages).
  uint8_t maxLabel() const { return maxLabel_; }
  size_t maxLabelIndex() const { return maxLabelIndex_; }

  // Image i's nonzero pixels: pixel()[j] (ascending) with value()[j], for j in [begin(i), end(i)).
  size_t begin(size_t i) const { return start_[i]; }
  size_t end(size_t i) const { return start_[i + 1]; }
  const uint16_t* pixel() const { return pixel_.data(); }
  const uint8_t* value() const { return value_.data(); }
  // Start loading entries into the cache without waiting for them: the line of one entry's pixel
  // and of its value, or every line of the entries [from, to). A step's batch is drawn at random
  // from tens of megabytes of entries, so they are rarely in cache; asking for the whole batch's
  // lines at the start of a step (the first lines of all its images first: the product needs them
  // first) lets the loads overlap.
  void prefetchFirst(size_t entry) const;
  void prefetch(size_t from, size_t to, Toward toward = Toward::FirstLevel) const;

  // The pixel that splits the set's lit pixels into two halves of about equal count (pixels below
  // it, and the rest), and where image i's entries cross it: [begin(i), middle(i)) are below.
  // Two threads can then each own one half of the pixels (and of the first layer's weights).
  int splitPixel() const { return splitPixel_; }
  size_t middle(size_t i) const { return middle_[i]; }
  // Half `half` (0 below the split, 1 from it): its pixels [halfFirstPixel, halfEndPixel), and image
  // i's entries in it [halfBegin, halfEnd).
  int halfFirstPixel(int half) const { return half == 0 ? 0 : splitPixel_; }
  int halfEndPixel(int half) const { return half == 0 ? splitPixel_ : pixels_; }
  size_t halfBegin(size_t i, int half) const { return half == 0 ? begin(i) : middle(i); }
  size_t halfEnd(size_t i, int half) const { return half == 0 ? middle(i) : end(i); }

  // The images two by two with their lit pixels merged, for accuracy counts over the whole set:
  // made only where the SIMD level at the set's making has a kernel for them (AVX-512), else null.
  const ImagePairs* pairs() const { return pairs_.get(); }
  // The images' pixels two by two, for the bounded accuracy count: made only where the level at the
  // set's making is AVX-512 and the CPU has its integer dot products (VNNI), else null.
  const PixelPairs* pixelPairs() const { return pixelPairs_.get(); }
  // The entries as a training step's first layer reads them by pixel lists: made only where the
  // level at the set's making is AVX-512 (it has those kernels), else null.
  const StepEntries* stepEntries() const { return stepEntries_.get(); }

 private:
  int pixels_;
  std::vector<uint8_t> labels_;
  uint8_t maxLabel_ = 0;
  size_t maxLabelIndex_ = 0;
  int splitPixel_ = 0;
  std::vector<size_t> start_, middle_;
  LargeArray<uint16_t> pixel_;
  LargeArray<uint8_t> value_;
  std::unique_ptr<const ImagePairs> pairs_;
  std::unique_ptr<const PixelPairs> pixelPairs_;
  std::unique_ptr<const StepEntries> stepEntries_;
};

}  // namespace bp
