// The MLP trainer: its buffers, a training step (forward, Softmax-with-Loss, backward, update) and
// its weights. The forward pass and accuracy pass are in mlp_forward.cc, the optimizers in
// mlp_update.cc, the per-instruction-set kernels in mlp_scalar.cc, mlp_avx2.cc and mlp_avx512.cc.
#include "mlp.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "flush_denormals.h"
#include "mlp_activation.h"
#include "mlp_kernels.h"
#include "mlp_layout.h"
#include "simd_level.h"
#include "thread_pool.h"

namespace bp {

namespace {

// From this many rows a step runs its first layer on two pool tasks (each over half of the pixels).
constexpr int kParallelRows = 32;

}  // namespace

MlpTrainer::Workspace::Workspace(const std::vector<int>& sizes, int rows)
    : rowStart(static_cast<size_t>(rows) + 1),
      wide(static_cast<size_t>(rows) * paddedWidth(sizes[1]) + 16),
      upperSums(wide.size()) {
  for (Task& task : tasks) {
    task.cursor.resize(static_cast<size_t>(rows));
    task.limit.resize(static_cast<size_t>(rows));
    task.first.resize(static_cast<size_t>(rows));
  }
  const int widest = *std::max_element(sizes.begin() + 1, sizes.end());
  index.resize(static_cast<size_t>(rows) * widest);
  value.resize(static_cast<size_t>(rows) * widest);
  for (size_t l = 1; l < sizes.size(); ++l) {
    z.emplace_back(static_cast<size_t>(rows) * sizes[l]);
    a.emplace_back(static_cast<size_t>(rows) * sizes[l]);
  }
}

MlpTrainer::MlpTrainer(std::vector<int> sizes, std::vector<LayerActivation> activations, MlpOptimizer optimizer,
                       double learningRate, int maxRows, const float* params)
    : sizes_(std::move(sizes)),
      activations_(std::move(activations)),
      optimizer_(optimizer),
      learningRate_(learningRate),
      maxRows_(maxRows),
      total_(0),
      flatTotal_(0),
      stride0_(paddedWidth(sizes_[1])),
      ws_(sizes_, maxRows) {
  for (size_t l = 0; l + 1 < sizes_.size(); ++l) {
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l]) * (l == 0 ? stride0_ : sizes_[l + 1]);
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l + 1]);
    flatTotal_ += static_cast<size_t>(sizes_[l]) * sizes_[l + 1] + sizes_[l + 1];
  }
  offsets_.push_back(total_);
  // The first layer's W rows padded with zeros to whole lines (they stay zero under every optimizer).
  const size_t firstW = static_cast<size_t>(sizes_[0]) * sizes_[1];
  for (std::vector<float>& set : sets_) set.assign(total_ + 16, 0.0f);
  float* first = weightSet(0);
  for (int k = 0; k < sizes_[0]; ++k)
    std::copy(params + static_cast<size_t>(k) * sizes_[1], params + static_cast<size_t>(k + 1) * sizes_[1],
              first + static_cast<size_t>(k) * stride0_);
  std::copy(params + firstW, params + flatTotal_, first + offsets_[1]);
  std::copy(first, first + total_, weightSet(1));
  // Zero: with plain SGD the first layer's image-gradient kernel expects its rows zero (and leaves them so).
  grads_.resize(total_ + 16);
  if (optimizer_ != MlpOptimizer::Sgd) state0_.assign(total_, 0.0f);
  if (optimizer_ == MlpOptimizer::Adam) state1_.assign(total_, 0.0f);
  for (size_t l = 1; l < sizes_.size(); ++l) dz_.emplace_back(static_cast<size_t>(maxRows) * sizes_[l]);
  da_.resize(static_cast<size_t>(maxRows) * *std::max_element(sizes_.begin() + 1, sizes_.end()));
  size_t largestHidden = 0;
  for (size_t l = 1; l + 1 < sizes_.size(); ++l) largestHidden = std::max(largestHidden, static_cast<size_t>(sizes_[l]) * sizes_[l + 1]);
  transposed_.resize(largestHidden);
  if (sizes_.size() > 2) transposedWide_.resize(static_cast<size_t>(sizes_[2]) * paddedWidth(sizes_[1]) + 16);
}

double MlpTrainer::step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss) {
  if (rows < 1 || rows > maxRows_) throw std::invalid_argument("MlpTrainer::step: rows out of range");
  // While an accuracy count runs, it has the second core.
  if (count_ && !count_->done()) return step(set, indices, rows, maxLoss, 1);
  // Two tasks cost two thread wake-ups per step; a small batch is not worth them.
  const int tasks = stepTasks_.next(rows >= kParallelRows ? std::min(poolThreadCount(), Workspace::kParts) : 1);
  const auto start = std::chrono::steady_clock::now();
  const double loss = step(set, indices, rows, maxLoss, tasks);
  stepTasks_.record(secondsSince(start));
  return loss;
}

double MlpTrainer::step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, int tasks) {
  const FlushDenormals flush;
  const float* weights = weightSet(active_);
  float* next = weightSet(1 - active_);
  const bool sgd = optimizer_ == MlpOptimizer::Sgd;
  forward(weights, set, indices, 0, rows, ws_, tasks);
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  const int classes = sizes_.back();

  // Softmax with loss: dz = (y − t) / N.
  const float inverseRows = 1.0f / static_cast<float>(rows);
  const SoftmaxLoss softmaxLoss = kernels.softmaxLoss ? kernels.softmaxLoss : softmaxLossLoops;
  double loss = softmaxLoss(ws_.a[layers - 1].data(), rows, classes, set.labels(), indices, inverseRows, dz_[layers - 1].data());
  loss /= rows;
  if (!std::isfinite(loss) || loss > maxLoss) return loss;

  // The first layer's weight gradient is written row by row below.
  float* grads = aligned(grads_);
  std::fill(grads + offsets_[1], grads + total_, 0.0f);
  const int stride = paddedWidth(sizes_[1]);
  float* wide = aligned(ws_.wide);
  // Set when the fused kernel has written the first layer's dz (padded, into wide) and its db.
  bool firstLayerReady = false;
  for (size_t l = layers; l-- > 0;) {
    const int n = sizes_[l + 1];
    const int m = sizes_[l];
    float* d = dz_[l].data();
    const size_t size = static_cast<size_t>(rows) * n;
    // dz from da (the layer above's dx), or from the loss for the top layer.
    const float* upstream = l + 1 < layers ? da_.data() : d;
    const float* zl = ws_.z[l].data();
    const float* yl = ws_.a[l].data();
    if (!(l == 0 && firstLayerReady)) {
      activationGradient(activations_[l], zl, yl, upstream, d, size);
      float* gb = grads + offsets_[2 * l + 1];
      for (int r = 0; r < rows; ++r)
        for (int j = 0; j < n; ++j) gb[j] += d[static_cast<size_t>(r) * n + j];
    }
    if (l == 0) {
      // dW = xᵀ · dz from the image set, each task over its half of the pixels (and of W's rows).
      // dz has rows padded to whole lines (aligned loads in the kernel; padding zero), unless the
      // fused backward kernel has written them already.
      for (int r = 0; r < rows && !firstLayerReady; ++r) {
        float* o = wide + static_cast<size_t>(r) * stride;
        std::memcpy(o, d + static_cast<size_t>(r) * n, n * sizeof(float));
        std::fill(o + n, o + stride, 0.0f);
      }
      const GradientOut out{grads, sgd ? weights : nullptr, next, static_cast<float>(learningRate_)};
      const ImageGradientKernel gradient = kernels.imageGradientFor(stride0_);
      const int parts = ws_.parts;
      parallelFor(parts, [&](int t) {
        const FlushDenormals flush;
        // From where the product started on this half (on one task: the lower half's start to
        // the upper half's end, all the pixels at once).
        Workspace::Task& task = ws_.tasks[t];
        const bool lower = parts == 1 || t == 0;
        const bool upper = parts == 1 || t == 1;
        std::copy(task.first.begin(), task.first.begin() + rows, task.cursor.begin());
        const size_t* limit = ws_.tasks[upper ? 1 : 0].limit.data();
        const ImageRows images{set.pixel(), set.value(), kernels.pixelTable, task.cursor.data(), limit, rows};
        gradient(images, lower ? 0 : set.splitPixel(), upper ? m : set.splitPixel(), wide, stride0_, stride, out);
      });
    } else {
      // dW = aᵀ · dz for a hidden layer's input a: rows in registers (r ascending as before; zero
      // inputs are no longer skipped in the vector kernels, which changes at most the sign of a zero).
      kernels.smallGradient(ws_.a[l - 1].data(), rows, m, d, n, grads + offsets_[2 * l]);
    }
    if (l == 1 && kernels.firstLayerBackward && m <= 64) {
      // Straight into the first layer's padded dz and its db.
      const float* w = weights + offsets_[2 * l];
      float* wT = aligned(transposedWide_);
      for (int j = 0; j < n; ++j)
        for (int k = 0; k < stride; ++k) wT[static_cast<size_t>(j) * stride + k] = k < m ? w[static_cast<size_t>(k) * n + j] : 0.0f;
      kernels.firstLayerBackward[(m + 15) / 16](d, rows, n, wT, ws_.z[0].data(), ws_.a[0].data(), m, stride,
                                                activations_[0], wide, grads + offsets_[1]);
      firstLayerReady = true;
    } else if (l > 0) {
      // da = dz · Wᵀ: the rows of Wᵀ are W's columns.
      const float* w = weights + offsets_[2 * l];
      float* wT = transposed_.data();
      for (int k = 0; k < m; ++k)
        for (int j = 0; j < n; ++j) wT[static_cast<size_t>(j) * m + k] = w[static_cast<size_t>(k) * n + j];
      // dz as compressed rows holding every entry (dz is dense: testing for zeros cost more than it
      // saved; a zero entry adds ±0).
      for (int r = 0; r <= rows; ++r) ws_.rowStart[r] = r * n;
      for (int r = 0; r < rows; ++r)
        for (int j = 0; j < n; ++j) ws_.index[static_cast<size_t>(r) * n + j] = j;
      std::fill(da_.begin(), da_.begin() + static_cast<size_t>(rows) * m, 0.0f);
      kernels.timesDense({ws_.rowStart.data(), ws_.rowStart.data() + 1, ws_.index.data(), d}, rows, wT, m, da_.data());
    }
  }
  // Plain SGD has updated the first layer's weights already.
  update(weights, next, sgd ? offsets_[1] : 0);
  active_ = 1 - active_;
  return loss;
}

float* MlpTrainer::weightSet(int which) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(sets_[which].data());
  return reinterpret_cast<float*>((p + 63) & ~static_cast<uintptr_t>(63));
}
const float* MlpTrainer::weightSet(int which) const { return const_cast<MlpTrainer*>(this)->weightSet(which); }

void MlpTrainer::copyWeights(bool previous, float* out) const {
  const float* set = weightSet(previous ? 1 - active_ : active_);
  for (int k = 0; k < sizes_[0]; ++k)
    std::memcpy(out + static_cast<size_t>(k) * sizes_[1], set + static_cast<size_t>(k) * stride0_,
                sizes_[1] * sizeof(float));
  const size_t firstW = static_cast<size_t>(sizes_[0]) * sizes_[1];
  std::memcpy(out + firstW, set + offsets_[1], (flatTotal_ - firstW) * sizeof(float));
}

}  // namespace bp
