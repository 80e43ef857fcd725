#include "bounded_count.h"

#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>

#include "mlp_kernels.h"
#include "mlp_layout.h"

namespace bp {

namespace {

// The relative rounding error of float, and the bound on a sum's error over n terms.
constexpr double kUnit = 1.0 / 16777216.0;
double gammaOf(int n) { return n * kUnit / (1.0 - n * kUnit); }

bool allFinite(const float* x, size_t n) {
  return std::all_of(x, x + n, [](float v) { return std::isfinite(v); });
}

}  // namespace

std::unique_ptr<BoundedCount> BoundedCount::make(const float* w1, int stride, const float* b1, const float* w2,
                                                 const float* b2, int inputs, int hidden, int classes,
                                                 const PixelPairs& pairs) {
#if BP_HAVE_X86_KERNELS
  if (activeSimdLevel() != SimdLevel::Avx512 || !supportsAvx512Vnni()) return nullptr;
  if (hidden < 1 || hidden > 64 || classes < 1 || classes > 16 || pairs.pairs() != (inputs + 1) / 2) return nullptr;
  for (int k = 0; k < inputs; ++k)
    if (!allFinite(w1 + static_cast<size_t>(k) * stride, hidden)) return nullptr;
  if (!allFinite(b1, hidden) || !allFinite(w2, static_cast<size_t>(hidden) * classes) || !allFinite(b2, classes)) return nullptr;

  std::unique_ptr<BoundedCount> made(new BoundedCount());
  // The same kernel variants as the level's first-layer kernels: by vectors of 16 units, then the
  // lanes of the last one in use (16, 8 or 4).
  const MlpKernels& kernels = mlpKernelsFor(SimdLevel::Avx512);
  const int padded = paddedWidth(hidden);
  const int vectors = padded / 16;
  const int tailLanes = 16 >> kernels.tailOf(padded, hidden);
  const int mainVectors = tailLanes == 16 ? vectors : vectors - 1;
  // The largest |q|: every partial sum Σ p·q of an image stays within an int32.
  const uint32_t largestSum = std::max<uint32_t>(1, pairs.largestValueSum());
  const int qmax = static_cast<int>(std::min<int64_t>(32767, INT32_MAX / largestSum));

  // Per unit: its largest |W|, its scale c (rounded up, so |q| ≤ qmax) and its q for each pixel.
  std::vector<double> largest(hidden, 0.0);
  std::vector<float> scale(hidden, 0.0f);
  for (int k = 0; k < inputs; ++k)
    for (int j = 0; j < hidden; ++j) largest[j] = std::max(largest[j], std::fabs(static_cast<double>(w1[static_cast<size_t>(k) * stride + j])));
  for (int j = 0; j < hidden; ++j) {
    if (largest[j] == 0.0) continue;
    const double wanted = largest[j] / (255.0 * qmax) * (1.0 + 1e-6);
    float c = static_cast<float>(wanted);
    if (c < wanted) c = std::nextafter(c, FLT_MAX);
    if (!(c >= FLT_MIN) || !std::isfinite(c)) return nullptr;
    scale[j] = c;
  }
  std::vector<double> inverse(hidden, 0.0);
  for (int j = 0; j < hidden; ++j) inverse[j] = scale[j] == 0.0f ? 0.0 : 1.0 / (255.0 * scale[j]);
  const int pairRows = pairs.pairs();
  made->main_.assign(static_cast<size_t>(pairRows) * mainVectors * 32 + 32, 0);
  made->tail_.assign(static_cast<size_t>(pairRows) * 2 * tailLanes + 32, 0);
  int16_t* main = aligned(made->main_);
  int16_t* tail = aligned(made->tail_);
  for (int k = 0; k < inputs; ++k) {
    const size_t m = static_cast<size_t>(k / 2);
    for (int j = 0; j < hidden; ++j) {
      const double w = w1[static_cast<size_t>(k) * stride + j];
      // Rounded to the nearest (ties either way: the bound allows half a step).
      const int16_t q = scale[j] == 0.0f ? 0 : static_cast<int16_t>(std::lrint(w * inverse[j]));
      if (j < 16 * mainVectors) main[(m * mainVectors * 16 + j) * 2 + (k & 1)] = q;
      else tail[(m * tailLanes + (j - 16 * mainVectors)) * 2 + (k & 1)] = q;
    }
  }

  // The floats: scale, bias (16·vectors each), W2's rows (hidden × 16), b2 (16), aligned.
  made->floats_.assign(2 * static_cast<size_t>(padded) + static_cast<size_t>(hidden) * 16 + 16 + 16, 0.0f);
  float* floats = aligned(made->floats_);
  float* scaleOut = floats;
  float* biasOut = floats + padded;
  float* secondOut = biasOut + padded;
  float* secondBiasOut = secondOut + static_cast<size_t>(hidden) * 16;
  std::copy(scale.begin(), scale.end(), scaleOut);
  std::copy(b1, b1 + hidden, biasOut);
  for (int j = 0; j < hidden; ++j) std::copy(w2 + static_cast<size_t>(j) * classes, w2 + static_cast<size_t>(j + 1) * classes, secondOut + static_cast<size_t>(j) * 16);
  std::copy(b2, b2 + classes, secondBiasOut);

  // The bound's terms (bounded_count.h), each maximised over the classes.
  const double gammaFirst = gammaOf(inputs + 1), gammaThree = gammaOf(3), gammaSecond = gammaOf(hidden + 1);
  double perValue = 0.0, fromBias = 0.0, largestSecond = 0.0, largestSecondBias = 0.0;
  for (int c = 0; c < classes; ++c) {
    double value = 0.0, bias = 0.0;
    for (int j = 0; j < hidden; ++j) {
      const double w = std::fabs(static_cast<double>(w2[static_cast<size_t>(j) * classes + c]));
      const double alpha = scale[j] * 0.50001 + largest[j] / 255.0 * (2 * kUnit + 2 * gammaThree + 1.0001 * gammaFirst);
      value += alpha * w;
      bias += (gammaThree + gammaFirst) * std::fabs(static_cast<double>(b1[j])) * w;
      largestSecond = std::max(largestSecond, w);
    }
    perValue = std::max(perValue, value);
    fromBias = std::max(fromBias, bias);
    largestSecondBias = std::max(largestSecondBias, std::fabs(static_cast<double>(b2[c])));
  }
  // Twice 2B (a lead of more than 2B settles the class; the factor 2 leaves room for the float
  // arithmetic of the test itself), a little more for the rounding of these constants.
  const double margin = 4.0 * (1.0 + 1e-4);
  const double perValueOut = margin * (1.0 + gammaSecond) * perValue;
  const double constantOut = margin * ((1.0 + gammaSecond) * fromBias + 2.0 * gammaSecond * largestSecondBias) + 1e-30;
  const double perOutputOut = margin * 2.0 * gammaSecond * largestSecond;
  if (!(perValueOut < FLT_MAX && constantOut < FLT_MAX && perOutputOut < FLT_MAX)) return nullptr;

  made->model_ = {hidden, classes, main, tail, scaleOut, biasOut, secondOut, secondBiasOut,
                  static_cast<float>(perValueOut), static_cast<float>(constantOut), static_cast<float>(perOutputOut)};
  made->kernel_ = kBoundedCountAvx512[kernels.variantOf(padded, hidden)];
  return made;
#else
  (void)w1, (void)stride, (void)b1, (void)w2, (void)b2, (void)inputs, (void)hidden, (void)classes, (void)pairs;
  return nullptr;
#endif
}

}  // namespace bp
