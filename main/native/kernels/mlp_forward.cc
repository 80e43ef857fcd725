// The MLP trainer's forward pass: a step's, or an accuracy pass's over rows or pairs of an image set
// (the count itself is in mlp_count.cc).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "flush_denormals.h"
#include "mlp.h"
#include "mlp_activation.h"
#include "mlp_kernels.h"
#include "mlp_layout.h"
#include "thread_pool.h"

namespace bp {

namespace {

// Lists the nonzero entries of a dense rows × cols matrix.
Csr compress(const float* x, int rows, int cols, MlpTrainer::Workspace::Lane& lane) {
  int32_t nz = 0;
  for (int r = 0; r < rows; ++r) {
    lane.rowStart[r] = nz;
    const float* xr = x + static_cast<size_t>(r) * cols;
    for (int k = 0; k < cols; ++k) {
      lane.index[nz] = k;
      lane.value[nz] = xr[k];
      nz += xr[k] != 0.0f;
    }
  }
  lane.rowStart[rows] = nz;
  return {lane.rowStart.data(), lane.rowStart.data() + 1, lane.index.data(), lane.value.data()};
}

}  // namespace

void MlpTrainer::productHalf(const float* weights, const ImageSet& set, const int32_t* rows, int count, int half,
                             Workspace& ws) const {
  // A step's first layer is most of its work. Its sums run over the image set's two halves of the
  // pixels apart (ImageSet::splitPixel), then add: a task per half owns its half of W's rows (and
  // of g's in the backward pass), so no task reads a line of W another task wrote, and the sums
  // are the same on one task or two.
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const int stride = paddedWidth(sizes_[1]);
  Workspace::Task& c = ws.tasks[half];
  float* sums = aligned(ws.sums[half]);
  const int firstPixel = set.halfFirstPixel(half), endPixel = set.halfEndPixel(half);
  if (listsByPixel(ws, set)) {
    const StepEntries& entries = *set.stepEntries();
    for (int r = 0; r < count; ++r) {
      const size_t image = static_cast<size_t>(rows[r]);
      c.cursor[r] = entries.halfBegin(image, half);
      c.limit[r] = entries.halfEnd(image, half);
      c.started[r] = 0;
      entries.prefetch(c.cursor[r], c.cursor[r] + 1, Toward::FirstLevel);
    }
    for (int r = 0; r < count; ++r) entries.prefetch(c.cursor[r], c.limit[r], Toward::FirstLevel);
    for (int k = firstPixel; k < endPixel; ++k) c.litEnd[k] = ws.litRows.data() + static_cast<size_t>(k) * ws.litCapacity;
    // No zeroing pass first: the other task read these sums in the last step, and a pass of
    // stores over them waited for their lines to come back from its core all at once.
    kernels.listingStepRowsFor(stride0_, sizes_[1])(
        {entries.entry(), kernels.pixelTable, c.cursor.data(), c.limit.data(), c.started.data(), count}, firstPixel,
        endPixel, weights, stride0_, stride, sums, pixelLists(ws, half));
    for (int r = 0; r < count; ++r)
      if (!c.started[r]) std::fill(sums + static_cast<size_t>(r) * stride, sums + static_cast<size_t>(r + 1) * stride, 0.0f);
    return;
  }
  for (int r = 0; r < count; ++r) {
    const size_t image = static_cast<size_t>(rows[r]);
    c.first[r] = c.cursor[r] = set.halfBegin(image, half);
    c.limit[r] = set.halfEnd(image, half);
    set.prefetchFirst(c.cursor[r]);
  }
  for (int r = 0; r < count; ++r) set.prefetch(c.cursor[r], c.limit[r]);
  std::fill(sums, sums + static_cast<size_t>(count) * stride, 0.0f);
  const ImageRows images{set.pixel(), set.value(), kernels.pixelTable, c.cursor.data(), c.limit.data(), count};
  kernels.imageRowsFor(stride0_, sizes_[1])(images, firstPixel, endPixel, weights, stride0_, stride, sums);
}

void MlpTrainer::upperLayers(const float* weights, const float* const* sums, int sumCount, int count,
                             Workspace::Lane& lane) const {
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  for (size_t l = 0; l < layers; ++l) {
    const int n = sizes_[l + 1];
    float* z = lane.z[l].data();
    if (l == 0 && kernels.firstLayerFinish &&
        kernels.firstLayerFinish(sums[0], sumCount == 2 ? sums[1] : nullptr, paddedWidth(n), weights + offsets_[1], count,
                                 n, activations_[0], z, lane.a[0].data())) {
      continue;
    }
    const float* b = weights + offsets_[2 * l + 1];
    const auto addBias = [&] {
      for (int r = 0; r < count; ++r)
        for (int j = 0; j < n; ++j) z[static_cast<size_t>(r) * n + j] += b[j];
    };
    if (l == 0) {
      const int stride = paddedWidth(n);
      for (int r = 0; r < count; ++r) {
        float* zr = z + static_cast<size_t>(r) * n;
        const float* s0 = sums[0] + static_cast<size_t>(r) * stride;
        if (sumCount == 1) {
          std::memcpy(zr, s0, n * sizeof(float));
        } else {
          const float* s1 = sums[1] + static_cast<size_t>(r) * stride;
          for (int j = 0; j < n; ++j) zr[j] = s0[j] + s1[j];
        }
      }
      addBias();
    } else if (kernels.smallTimesDense && n <= 16) {
      kernels.smallTimesDense(lane.a[l - 1].data(), count, sizes_[l], weights + offsets_[2 * l], b, n, z);
    } else {
      std::fill(z, z + static_cast<size_t>(count) * n, 0.0f);
      kernels.timesDense(compress(lane.a[l - 1].data(), count, sizes_[l], lane), count, weights + offsets_[2 * l], n, z);
      addBias();
    }
    activate(activations_[l], z, lane.a[l].data(), static_cast<size_t>(count) * n);
  }
}

void MlpTrainer::forwardRows(const float* weights, const ImageSet& set, size_t firstRow, int count,
                             Workspace& ws) const {
  // No weight gradient to come: row by row from the image set, all the pixels at once.
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const int stride = paddedWidth(sizes_[1]);
  float* out = aligned(ws.sums[0]);
  std::fill(out, out + static_cast<size_t>(count) * stride, 0.0f);
  Workspace::Task& c = ws.tasks[0];
  for (int r = 0; r < count; ++r) {
    c.cursor[r] = set.begin(firstRow + r);
    c.limit[r] = set.end(firstRow + r);
  }
  const ImageRows images{set.pixel(), set.value(), kernels.pixelTable, c.cursor.data(), c.limit.data(), count};
  kernels.imageRowsFor(stride0_, sizes_[1])(images, 0, set.pixels(), weights, stride0_, stride, out);
  const float* const sums[1] = {out};
  upperLayers(weights, sums, 1, count, ws.lanes[0]);
}

void MlpTrainer::forwardPairs(const float* weights, const ImageSet& set, size_t firstPair, int count,
                              Workspace& ws) const {
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const int stride = paddedWidth(sizes_[1]);
  const int rows = 2 * count;
  float* out = aligned(ws.sums[0]);
  std::fill(out, out + static_cast<size_t>(rows) * stride, 0.0f);
  const ImagePairs& pairs = *set.pairs();
  Workspace::Task& c = ws.tasks[0];
  for (int q = 0; q < count; ++q) {
    c.cursor[q] = pairs.begin(firstPair + q);
    c.limit[q] = pairs.end(firstPair + q);
  }
  kernels.imagePairRowsFor(stride0_, sizes_[1])({pairs.entry(), kernels.pixelTable, c.cursor.data(), c.limit.data(), count},
                                                set.pixels(), weights, stride0_, stride, out);
  const float* const sums[1] = {out};
  upperLayers(weights, sums, 1, rows, ws.lanes[0]);
}

}  // namespace bp
