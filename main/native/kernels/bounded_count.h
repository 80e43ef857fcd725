// The accuracy count of a net with one hidden ReLU layer, first in integers: W's first layer is
// rounded to 16-bit integers per unit, so the core's integer dot products (AVX-512 VNNI) take two
// pixels at a time in exact sums, and a bound on how far those scores can lie from the float ones
// says, image by image, whether the class they pick is the one the float count would pick. The
// images it cannot settle (on MNIST ≈ 0.5 % once the net has trained an epoch) are left to the
// caller's float count, so the result is the float count's, image for image.
//
// The bound (u = 2⁻²⁴, γ(n) = n·u / (1 − n·u), p the image's pixel values, P inputs, H hidden
// units; sums in any order, fused or not):
// - a float hidden unit j is within γ(P + 1)·(Σ x·|W_j| + |b_j|) of its exact value, x = p / 255
//   to 2 ulps;
// - the integer one, c_j·A_j + b_j with A_j = Σ p·q_j and q_j = round(W_j / (255·c_j)), is within
//   Σp·c_j / 2 (the rounding of W) + Σp·|W_j|max / 255·2u (x's) of it, plus its own 3 roundings;
// - so the two ReLU outputs differ by at most D_j = Σp·α_j + |b_j|·β, and each class score by at
//   most B = (1 + γ(H + 1))·Σ_j D_j·|W2_jc| + 2γ(H + 1)·(Σ_j a_j·max|W2| + max|b2|).
// A class whose integer score leads every other by more than 2B leads in the float scores too;
// the count asks for twice that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "pixel_pairs.h"
#include "simd_level.h"

namespace bp {

// What the kernel reads: the rounded W and the float layers above, padded to whole vectors.
struct BoundedCountModel {
  int hidden, classes;
  // Pair m's row: for each unit j, its two pixels' q (int16 each), in whole vectors of 16 units
  // (64-byte aligned rows); where the layer uses only 4 or 8 lanes of its last vector, that
  // vector's lanes are in rows of their own (`tail`: a narrower load and dot product there).
  const int16_t* main;
  const int16_t* tail;
  const float* scale;        // c_j, 0 past the hidden units
  const float* bias;         // b_j, 0 past the hidden units
  const float* second;       // hidden rows of 16: W2[j, :] (0 past the classes)
  const float* secondBias;   // 16: b2 (0 past the classes)
  // The bound, twice over (see above): B = perValue·Σp + constant + perOutput·Σ_j a_j.
  float perValue, constant, perOutput;
};

// Images [begin, end) of the pairs' set: adds 1 to counts[label·classes + predicted] (if not null)
// for each image whose class the bound settles and returns how many of those are right; appends
// the others to *unsure.
using BoundedCountKernel = size_t (*)(const BoundedCountModel& model, const PixelPairs& pairs, const uint8_t* labels,
                                      size_t begin, size_t end, int32_t* counts, std::vector<size_t>* unsure);

class BoundedCount {
 public:
  // For weights W1 (inputs rows of `stride` floats, the first `hidden` used), b1, W2 (hidden ×
  // classes), b2 and a set's pixel pairs; null where it does not apply: the level is not AVX-512
  // with VNNI, the widths are too large (hidden > 64, classes > 16), or a weight is not finite.
  static std::unique_ptr<BoundedCount> make(const float* w1, int stride, const float* b1, const float* w2, const float* b2,
                                            int inputs, int hidden, int classes, const PixelPairs& pairs);

  size_t count(const PixelPairs& pairs, const uint8_t* labels, size_t begin, size_t end, int32_t* counts,
               std::vector<size_t>* unsure) const {
    return kernel_(model_, pairs, labels, begin, end, counts, unsure);
  }

 private:
  BoundedCount() = default;
  std::vector<int16_t> main_, tail_;
  std::vector<float> floats_;
  BoundedCountModel model_{};
  BoundedCountKernel kernel_ = nullptr;
};

#if BP_HAVE_X86_KERNELS
// By vectors of 16 hidden units (0..4), then the last vector's lanes in use (16, 8, 4), as the
// first-layer kernels' tables (MlpKernels::variantOf).
extern const BoundedCountKernel kBoundedCountAvx512[5 * 3];
#endif

}  // namespace bp
