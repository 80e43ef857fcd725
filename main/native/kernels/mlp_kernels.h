// The per-instruction-set pieces of the MLP trainer (mlp.h): the first layer's products over an
// image set's lit pixels, its weight gradient, and the small dense products of the hidden layers.
// mlp_scalar.cc, mlp_avx2.cc and mlp_avx512.cc each fill an MlpKernels; mlpKernelsFor picks one.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "mlp.h"
#include "mlp_layout.h"
#include "simd_level.h"

namespace bp {

// Compressed rows: row r's nonzero entries are index/value[rowStart[r] .. rowEnd[r]), ascending.
struct Csr {
  const int32_t* rowStart;
  const int32_t* rowEnd;
  const int32_t* index;
  const float* value;
};

// out[r, :] += Σ value · w[index, :] over row r's entries (w is rows × n).
using CsrTimesDense = void (*)(const Csr& a, int rows, const float* w, int n, float* out);

// A batch's images as rows of their lit pixels (ascending), each read from cursor[r] to limit[r].
struct ImageRows {
  const uint16_t* pixel;
  const uint8_t* value;
  const float* table;
  size_t* cursor;
  const size_t* limit;
  int count;
};
// out[r, :] += Σ value · w[pixel, :] over row r's entries with pixel in [firstPixel, endPixel)
// (out stride-padded and aligned); the cursors advance past them.
using ImageRowsKernel = void (*)(const ImageRows&, int firstPixel, int endPixel, const float* w, int n, int stride,
                                 float* out);

// Pairs of images, each pair's lit pixels as one list (ImagePairs): pair q's entries from cursor[q]
// to limit[q], each pixel | the first image's value << 16 | the second's << 24.
struct ImagePairRows {
  const uint32_t* entry;
  const float* table;
  size_t* cursor;
  const size_t* limit;
  int count;
};
// out[2q, :] and out[2q + 1, :] += each image's Σ value · w[pixel, :] over pair q's entries below
// `pixels` (out stride-padded and aligned): each image's sum in the order of its lit pixels, as
// ImageRowsKernel's, and a dark pixel's 0 · w[pixel, :] changes no sum while w is finite (the
// caller's to check). The cursors advance past the entries used.
using ImagePairRowsKernel = void (*)(const ImagePairRows&, int pixels, const float* w, int n, int stride, float* out);

// A step's batch listed by pixel, built by the product and read by the gradient: pixel k's batch
// rows (ascending) from rows[k · capacity] to end[k], each the row | its value << 8 (so at most 256
// rows).
struct PixelLists {
  uint16_t** end;
  uint16_t* rows;
  int capacity;
};
// A batch's images as StepEntries (step_entries.h): row r's entries from cursor[r] to limit[r].
// started[r]: whether the product has written row r's sums yet (false for every row at its start).
struct StepRows {
  const uint16_t* entry;
  const float* table;
  size_t* cursor;
  const size_t* limit;
  uint8_t* started;
  int count;
};
// out[r, :] = Σ value · w[pixel, :] over row r's entries with pixel in [firstPixel, endPixel), each
// entry also appended to its pixel's list. A row's sums start at zero at its first entry (out is not
// read before: the caller zeroes the rows not started); the cursors advance past the entries and
// group ends used.
using ListingStepRowsKernel = void (*)(const StepRows&, int firstPixel, int endPixel, const float* w, int n, int stride,
                                       float* out, const PixelLists& lists);

// Where a first-layer weight gradient goes: g[k, :] (rows of n floats, 64-byte aligned), and, when
// `from` is given (plain SGD), to[k, :] = from[k, :] − lr · g[k, :] (a product, then a difference:
// the optimizer's rounding).
struct GradientOut {
  float* g;
  const float* from;
  float* to;
  float lr;
  // With plain SGD, where the kernel keeps it (PixelGradientKernel): whether row k is the same in
  // `from` and `to` (then a pixel lit in no row needs no copy). Else null.
  uint8_t* same = nullptr;
};
// The weight gradient of the pixels [firstPixel, endPixel): acc[k, :] = Σ_r value · d[r, :] over the
// rows r whose image has pixel k lit (rows ascending), written as `out` says (pixels lit in no row
// get acc = 0). The sums run in g's rows (64-byte aligned, n floats each), one batch row at a time:
// each entry is a read-modify-write of its pixel's row of g, with no branch that depends on the
// data but the end of each row's entries (summing each pixel's rows in registers over a
// pixel-major byte grid of the batch cost more on random batches: the grid's scatter and the
// branches that find its nonzero bytes; PixelGradientKernel sums them from lists the product
// builds). For plain SGD g's rows are zero on entry and are left
// zero (the update's pass clears them: no separate pass to zero them); otherwise the kernel zeroes
// them first. d has `stride` columns (n padded to whole lines, aligned, the padding zero); the
// cursors advance past the entries used.
using ImageGradientKernel = void (*)(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                     int stride, const GradientOut& out);

// g[k, :] += Σ_r a[r, k] · d[r, :] for k < m, a hidden layer's input a (rows of `stride` floats, of
// which the first m are used: a part of the layer's units) and its output gradient d (rows × n,
// n small), r ascending.
using SmallGradient = void (*)(const float* a, int rows, int stride, int m, const float* d, int n, float* g);

// z = a · w + b for a hidden layer's output a (rows × m) and n ≤ 16 columns (each sum first,
// then its bias: the loops' rounding).
using SmallTimesDense = void (*)(const float* a, int rows, int m, const float* w, const float* b, int n, float* z);

// The backward pass from the second layer into the first, fused, for a first layer m ≤ 64 wide: for
// each row r, da = Σ_j dAbove[r, j] · wT[j, :] (j ascending), then dz = the activation's derivative
// applied (as activationGradient, mlp_activation.h) into out's row (stride floats, aligned; padding zero) and
// db += dz (rows ascending; db starts at zero). wT holds W's columns as nAbove rows of `stride`
// floats (padding zero); z and y are rows × m. The same sums in the same order as the separate loops.
using FirstLayerBackwardKernel = void (*)(const float* dAbove, int rows, int nAbove, const float* wT, const float* z,
                                          const float* y, int m, int stride, const LayerActivation& activation, float* out,
                                          float* db);

// Softmax with loss over a batch's class scores (rows × classes): d[r, :] = (y − t) · inverseRows
// with y the softmax of row r and t its one-hot label labels[indices[r]]; returns Σ_r −log(y[label]
// + 1e-7) (the chapter's delta), in double (LossSum).
using SoftmaxLoss = double (*)(const float* scores, int rows, int classes, const uint8_t* labels, const int32_t* indices,
                               float inverseRows, float* d);

// The first layer's outputs from its sums (rows of `stride` floats, aligned; a step's two halves'
// sums added, or one set): z[r, :] = (s0 + s1) + b, then y = the activation of z, for ReLU,
// LeakyReLU and none (the others return false and leave z and y to the loops). z and y are rows × n
// (n ≤ stride); the same roundings as the loops, so the same values.
using FirstLayerFinish = bool (*)(const float* s0, const float* s1, int stride, const float* b, int rows, int n,
                                  const LayerActivation& activation, float* z, float* y);

// The weight gradient of pixels [firstPixel, endPixel) from the batch's lists (PixelLists), each
// pixel's sum over its rows ascending as ImageGradientKernel's, written as `out` says; with
// out.same, a pixel lit in no row whose row is the same in both weight sets is not copied (≈ 30 %
// of MNIST's pixels in a step: lit in neither this batch nor the last).
using PixelGradientKernel = void (*)(const PixelLists& lists, const float* table, int firstPixel, int endPixel,
                                     const float* d, int n, int stride, const GradientOut& out);

struct MlpKernels {
  CsrTimesDense timesDense;
  SmallGradient smallGradient;
  // The first layer's image-rows kernels for any width, and for widths of 1..widest vectors of
  // `lanes` floats (a whole number of them) where the level has them.
  ImageRowsKernel imageRows;
  ImageGradientKernel imageGradient;
  const ImageRowsKernel* narrowImageRows = nullptr;
  const ImageGradientKernel* narrowImageGradient = nullptr;
  int lanes = 16;
  int widest = 0;  // vectors
  // z = a · w + b for n ≤ 16, where the level has it; else the compressed rows of a times w, then b.
  SmallTimesDense smallTimesDense = nullptr;
  // By the first layer's width in vectors of 16 (1..4), where the level has them.
  const FirstLayerBackwardKernel* firstLayerBackward = nullptr;
  // pixel → its input value: p / 255 correctly rounded, or p · (1/255) at AVX-512 (within an ulp;
  // what that level has always used).
  const float* pixelTable = nullptr;
  // Where the level has one; else softmaxLossLoops.
  SoftmaxLoss softmaxLoss = nullptr;
  // Where the level has one; else the loops of MlpTrainer::upperLayers.
  FirstLayerFinish firstLayerFinish = nullptr;
  // How many variants each narrow width has (1, or 3 where the level has them: a layer that uses
  // all of its rows' last vector, at most half of it, or at most a quarter); the tables hold them
  // by vectors, then variant.
  int tails = 1;
  // The accuracy count's kernel for pairs of images, by vectors and variant as the narrow kernels,
  // where the level has it.
  const ImagePairRowsKernel* narrowImagePairRows = nullptr;
  // A step's first layer by pixel lists, by vectors and variant, where the level has them.
  const ListingStepRowsKernel* narrowListingStepRows = nullptr;
  const PixelGradientKernel* narrowPixelGradient = nullptr;

  bool narrow(int n) const { return n <= widest * lanes && n % lanes == 0; }
  // The variant for rows of n floats (padded) of which a layer `width` wide uses the first.
  int tailOf(int n, int width) const {
    if (tails == 1) return 0;
    const int used = width - (n - lanes);
    return used > lanes / 2 ? 0 : used > lanes / 4 ? 1 : 2;
  }
  // The index in the narrow tables of rows of n floats (narrow(n)) of which `width` are used.
  int variantOf(int n, int width) const { return n / lanes * tails + tailOf(n, width); }
  ImageRowsKernel imageRowsFor(int n, int width) const {
    return narrow(n) ? narrowImageRows[variantOf(n, width)] : imageRows;
  }
  ImageGradientKernel imageGradientFor(int n, int width) const {
    return narrow(n) ? narrowImageGradient[variantOf(n, width)] : imageGradient;
  }
  bool listsByPixel(int n) const { return narrowListingStepRows && narrow(n); }
  ListingStepRowsKernel listingStepRowsFor(int n, int width) const {
    return narrowListingStepRows[variantOf(n, width)];
  }
  PixelGradientKernel pixelGradientFor(int n, int width) const {
    return narrowPixelGradient[variantOf(n, width)];
  }
  // Null where the level has none for the width.
  ImagePairRowsKernel imagePairRowsFor(int n, int width) const {
    return narrowImagePairRows && narrow(n) ? narrowImagePairRows[variantOf(n, width)] : nullptr;
  }
};

// The kernels of a SIMD level.
const MlpKernels& mlpKernelsFor(SimdLevel level);

// pixel → pixel / 255 (float32, correctly rounded as the backends' gatherBatch).
const float* pixelQuotients();
// pixel → pixel · (1/255): within an ulp of p / 255, the value the AVX-512 level has always used.
const float* pixelProducts();

const MlpKernels& scalarMlpKernels();
#if BP_HAVE_X86_KERNELS
const MlpKernels& avx2MlpKernels();
const MlpKernels& avx512MlpKernels();
#endif

// The portable loops, inlined into each level's kernels so that they compile under its target
// attribute (the compiler vectorises the inner loops there).

BP_ALWAYS_INLINE void csrTimesDenseLoops(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    float* o = out + static_cast<size_t>(r) * n;
    for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
      const float v = a.value[i];
      const float* wr = w + static_cast<size_t>(a.index[i]) * n;
      for (int j = 0; j < n; ++j) o[j] += v * wr[j];
    }
  }
}

BP_ALWAYS_INLINE void imageRowsLoops(const ImageRows& a, int endPixel, const float* w, int n, int stride, float* out) {
  for (int r = 0; r < a.count; ++r) {
    float* o = out + static_cast<size_t>(r) * stride;
    size_t j = a.cursor[r];
    for (; j < a.limit[r] && a.pixel[j] < endPixel; ++j) {
      const float v = a.table[a.value[j]];
      const float* wk = w + static_cast<size_t>(a.pixel[j]) * n;
      for (int c = 0; c < n; ++c) o[c] += v * wk[c];
    }
    a.cursor[r] = j;
  }
}

// The end of an image-gradient kernel for plain SGD: to[k, :] = from[k, :] − lr · g[k, :], then g's
// rows zero again.
BP_ALWAYS_INLINE void sgdRowsLoops(int firstPixel, int endPixel, int n, const GradientOut& out) {
  const size_t begin = static_cast<size_t>(firstPixel) * n;
  const size_t end = static_cast<size_t>(endPixel) * n;
  for (size_t i = begin; i < end; ++i) {
    out.to[i] = out.from[i] - out.lr * out.g[i];
    out.g[i] = 0.0f;
  }
}

BP_ALWAYS_INLINE void imageGradientLoops(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n,
                                         int stride, const GradientOut& out) {
  if (!out.from) std::fill(out.g + static_cast<size_t>(firstPixel) * n, out.g + static_cast<size_t>(endPixel) * n, 0.0f);
  for (int r = 0; r < a.count; ++r) {
    const float* dr = d + static_cast<size_t>(r) * stride;
    size_t j = a.cursor[r];
    for (; j < a.limit[r] && a.pixel[j] < endPixel; ++j) {
      const float v = a.table[a.value[j]];
      float* gk = out.g + static_cast<size_t>(a.pixel[j]) * n;
      for (int c = 0; c < n; ++c) gk[c] += v * dr[c];
    }
    a.cursor[r] = j;
  }
  if (out.from) sgdRowsLoops(firstPixel, endPixel, n, out);
}

BP_ALWAYS_INLINE void smallGradientLoops(const float* a, int rows, int stride, int m, const float* d, int n, float* g) {
  for (int r = 0; r < rows; ++r) {
    const float* dr = d + static_cast<size_t>(r) * n;
    for (int k = 0; k < m; ++k) {
      const float v = a[static_cast<size_t>(r) * stride + k];
      if (v == 0.0f) continue;
      float* gk = g + static_cast<size_t>(k) * n;
      for (int j = 0; j < n; ++j) gk[j] += v * dr[j];
    }
  }
}

// Named accumulators for the vector kernels (an array of them was kept in memory by GCC, a store
// per FMA).
#define BP_EACH_BLOCK(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)

}  // namespace bp
