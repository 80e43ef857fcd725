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
#include "mlp_softmax_loss.h"
#include "mlp_layout.h"
#include "simd_level.h"
#include "thread_pool.h"

namespace bp {

namespace {

// From this many rows a step runs its first layer on two pool tasks (each over half of the pixels).
constexpr int kParallelRows = 32;

}  // namespace

MlpTrainer::Workspace::Workspace(const std::vector<int>& sizes, int rows, int laneCount) : lanes(laneCount) {
  const size_t padded = static_cast<size_t>(rows) * paddedWidth(sizes[1]) + 16;
  for (int half = 0; half < kParts; ++half) {
    tasks[half].cursor.resize(static_cast<size_t>(rows));
    tasks[half].limit.resize(static_cast<size_t>(rows));
    tasks[half].first.resize(static_cast<size_t>(rows));
    tasks[half].started.resize(static_cast<size_t>(rows));
    sums[half].resize(padded);
  }
  if (rows <= 256) {
    litCapacity = rows;
    for (Task& task : tasks) task.litEnd.resize(static_cast<size_t>(sizes[0]));
    litRows.resize(static_cast<size_t>(sizes[0]) * rows);
  }
  const int widest = *std::max_element(sizes.begin() + 1, sizes.end());
  size_t largestHidden = 0;
  for (size_t l = 1; l + 1 < sizes.size(); ++l) largestHidden = std::max(largestHidden, static_cast<size_t>(sizes[l]) * sizes[l + 1]);
  for (Lane& lane : lanes) {
    lane.rowStart.resize(static_cast<size_t>(rows) + 1);
    lane.index.resize(static_cast<size_t>(rows) * widest);
    lane.value.resize(static_cast<size_t>(rows) * widest);
    for (size_t l = 1; l < sizes.size(); ++l) {
      lane.z.emplace_back(static_cast<size_t>(rows) * sizes[l]);
      lane.a.emplace_back(static_cast<size_t>(rows) * sizes[l]);
      lane.dz.emplace_back(static_cast<size_t>(rows) * sizes[l]);
    }
    lane.da.resize(static_cast<size_t>(rows) * widest);
    lane.transposed.resize(largestHidden);
    if (sizes.size() > 2) lane.transposedWide.resize(static_cast<size_t>(sizes[2]) * paddedWidth(sizes[1]) + 16);
    lane.paddedDz.resize(padded);
    lane.biasGradient.resize(static_cast<size_t>(sizes[1]));
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
      ws_(sizes_, maxRows, Workspace::kParts) {
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
  sameInBothSets_.assign(static_cast<size_t>(sizes_[0]), 1);
  // Zero: with plain SGD the first layer's image-gradient kernel expects its rows zero (and leaves them so).
  grads_.resize(total_ + 16);
  if (optimizer_ != MlpOptimizer::Sgd) state0_.assign(total_, 0.0f);
  if (optimizer_ == MlpOptimizer::Adam) state1_.assign(total_, 0.0f);
}

double MlpTrainer::step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows next) {
  if (rows < 1 || rows > maxRows_) throw std::invalid_argument("MlpTrainer::step: rows out of range");
  // While an accuracy count runs, it has the second core.
  if (count_ && !count_->done()) return step(set, indices, rows, maxLoss, next, 1);
  // Two tasks cost two thread wake-ups per step; a small batch is not worth them.
  const int tasks = stepTasks_.next(rows >= kParallelRows ? std::min(poolThreadCount(), Workspace::kParts) : 1);
  const auto start = std::chrono::steady_clock::now();
  const double loss = step(set, indices, rows, maxLoss, next, tasks);
  stepTasks_.record(secondsSince(start));
  return loss;
}

double MlpTrainer::step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows nextBatch, int tasks) {
  const bool sgd = optimizer_ == MlpOptimizer::Sgd;
  const int parts = std::min(tasks, Workspace::kParts);
  double loss = 0.0;
  bool together = false;
  if (parts > 1) {
    SpinBarrier sumsReady(parts);
    double losses[Workspace::kParts];
    together = runTogether(parts, [&](int t) { losses[t] = stepTask(set, indices, rows, maxLoss, nextBatch, t, parts, &sumsReady); });
    loss = losses[0];
  }
  if (!together) loss = stepTask(set, indices, rows, maxLoss, nextBatch, 0, 1, nullptr);
  if (!std::isfinite(loss) || loss > maxLoss) return loss;
  ++updates_;
  // Plain SGD has updated every weight in the tasks already.
  if (!sgd) update(weightSet(active_), weightSet(1 - active_), 0, total_);
  active_ = 1 - active_;
  return loss;
}

double MlpTrainer::stepTask(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows nextBatch, int t,
                            int parts, SpinBarrier* sumsReady) {
  const FlushDenormals flush;
  const float* weights = weightSet(active_);
  float* next = weightSet(1 - active_);
  const bool sgd = optimizer_ == MlpOptimizer::Sgd;
  for (int half = t; half < Workspace::kParts; half += parts) productHalf(weights, set, indices, rows, half, ws_);
  // Each task goes on from both halves' sums: the layers above are small, and computing them on
  // both saves sending the first layer's dz from one core to the other.
  if (sumsReady) sumsReady->arriveAndWait();
  Workspace::Lane& lane = ws_.lanes[t];
  const StepRoles roles = rolesOf(t, parts);
  const float* const sums[Workspace::kParts] = {aligned(ws_.sums[0]), aligned(ws_.sums[1])};
  upperLayers(weights, sums, Workspace::kParts, rows, lane);
  const double loss = backToFirstLayer(weights, set, indices, rows, lane, roles);
  if (!std::isfinite(loss) || loss > maxLoss) return loss;
  if (sgd)
    for (const ParamRange range : ownedParams(roles)) update(weights, next, range.first, range.end);

  // dW = xᵀ · dz over this task's halves of the pixels (and of W's rows): from the lists by pixel
  // its products built, or from the image set, each half from where its product started.
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const ImageGradientKernel gradient = kernels.imageGradientFor(stride0_, sizes_[1]);
  const bool byPixel = listsByPixel(ws_, set);
  const GradientOut out{aligned(grads_), sgd ? weights : nullptr, next, static_cast<float>(learningRate_),
                        sgd && byPixel ? sameInBothSets_.data() : nullptr};
  for (int half = t; half < Workspace::kParts; half += parts) {
    const int firstPixel = set.halfFirstPixel(half), endPixel = set.halfEndPixel(half);
    if (byPixel) {
      kernels.pixelGradientFor(stride0_, sizes_[1])(pixelLists(ws_, half), kernels.pixelTable, firstPixel, endPixel,
                                                   aligned(lane.paddedDz), stride0_, paddedWidth(sizes_[1]), out);
      continue;
    }
    // This kernel writes every row: which are the same in both sets is no longer known.
    std::fill(sameInBothSets_.begin() + firstPixel, sameInBothSets_.begin() + endPixel, 0);
    Workspace::Task& task = ws_.tasks[half];
    std::copy(task.first.begin(), task.first.begin() + rows, task.cursor.begin());
    const ImageRows images{set.pixel(), set.value(), kernels.pixelTable, task.cursor.data(), task.limit.data(), rows};
    gradient(images, firstPixel, endPixel, aligned(lane.paddedDz), stride0_, paddedWidth(sizes_[1]), out);
  }
  // After this task's part, not before: loads of the next batch ahead of the product slowed its own.
  prefetchHalves(set, nextBatch, t, parts);
  return loss;
}

void MlpTrainer::prefetchHalves(const ImageSet& set, Rows rows, int t, int parts) const {
  const StepEntries* entries = listsByPixel(ws_, set) ? set.stepEntries() : nullptr;
  for (int half = t; half < Workspace::kParts; half += parts)
    for (int r = 0; r < rows.count; ++r) {
      const size_t image = static_cast<size_t>(rows.indices[r]);
      if (entries)
        entries->prefetch(entries->halfBegin(image, half), entries->halfEnd(image, half), Toward::SecondLevel);
      else
        set.prefetch(set.halfBegin(image, half), set.halfEnd(image, half), Toward::SecondLevel);
    }
}

bool MlpTrainer::listsByPixel(const Workspace& ws, const ImageSet& set) const {
  return ws.litCapacity > 0 && set.stepEntries() != nullptr && mlpKernelsFor(activeSimdLevel()).listsByPixel(stride0_);
}

PixelLists MlpTrainer::pixelLists(Workspace& ws, int half) {
  return {ws.tasks[half].litEnd.data(), ws.litRows.data(), ws.litCapacity};
}

MlpTrainer::StepRoles MlpTrainer::rolesOf(int t, int parts) const {
  // The second layer's input units, the rows of its W.
  const int units = sizes_.size() > 2 ? sizes_[1] : 0;
  return {t == 0, t == parts - 1, units * t / parts, units * (t + 1) / parts};
}

std::array<MlpTrainer::ParamRange, 3> MlpTrainer::ownedParams(StepRoles roles) const {
  const ParamRange none{0, 0};
  const ParamRange firstBias = roles.firstBias ? ParamRange{offsets_[1], offsets_[2]} : none;
  if (sizes_.size() <= 2) return {firstBias, none, none};
  const size_t secondWidth = static_cast<size_t>(sizes_[2]);
  const ParamRange secondRows{offsets_[2] + roles.secondFrom * secondWidth, offsets_[2] + roles.secondTo * secondWidth};
  return {firstBias, secondRows, roles.upperLayers ? ParamRange{offsets_[3], total_} : none};
}

double MlpTrainer::backToFirstLayer(const float* weights, const ImageSet& set, const int32_t* indices, int rows,
                                    Workspace::Lane& lane, StepRoles roles) {
  const MlpKernels& kernels = mlpKernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  const int classes = sizes_.back();

  // Softmax with loss: dz = (y − t) / N.
  const float inverseRows = 1.0f / static_cast<float>(rows);
  const SoftmaxLoss softmaxLoss = kernels.softmaxLoss ? kernels.softmaxLoss : softmaxLossLoops;
  const double loss = softmaxLoss(lane.a[layers - 1].data(), rows, classes, set.labels(), indices, inverseRows,
                                  lane.dz[layers - 1].data()) / rows;
  if (!std::isfinite(loss)) return loss;

  // The first layer's weight gradient is written row by row by the image-gradient kernel.
  float* grads = aligned(grads_);
  for (const ParamRange range : ownedParams(roles)) std::fill(grads + range.first, grads + range.end, 0.0f);
  const int stride = paddedWidth(sizes_[1]);
  float* paddedDz = aligned(lane.paddedDz);
  for (size_t l = layers; l-- > 0;) {
    const int n = sizes_[l + 1];
    const int m = sizes_[l];
    float* d = lane.dz[l].data();
    const size_t size = static_cast<size_t>(rows) * n;
    // dz from da (the layer above's dx), or from the loss for the top layer.
    const float* upstream = l + 1 < layers ? lane.da.data() : d;
    activationGradient(activations_[l], lane.z[l].data(), lane.a[l].data(), upstream, d, size);
    if (l == 0 ? roles.firstBias : roles.upperLayers) {
      float* gb = grads + offsets_[2 * l + 1];
      for (int r = 0; r < rows; ++r)
        for (int j = 0; j < n; ++j) gb[j] += d[static_cast<size_t>(r) * n + j];
    }
    if (l == 0) {
      // dz with rows padded to whole lines (aligned loads in the kernel; padding zero).
      for (int r = 0; r < rows; ++r) {
        float* o = paddedDz + static_cast<size_t>(r) * stride;
        std::memcpy(o, d + static_cast<size_t>(r) * n, n * sizeof(float));
        std::fill(o + n, o + stride, 0.0f);
      }
      break;
    }
    // dW = aᵀ · dz for a hidden layer's input a: rows in registers (r ascending as before; zero
    // inputs are no longer skipped in the vector kernels, which changes at most the sign of a zero).
    if (l == 1 && roles.secondTo > roles.secondFrom)
      kernels.smallGradient(lane.a[0].data() + roles.secondFrom, rows, m, roles.secondTo - roles.secondFrom, d, n,
                            grads + offsets_[2] + static_cast<size_t>(roles.secondFrom) * n);
    if (l > 1 && roles.upperLayers) kernels.smallGradient(lane.a[l - 1].data(), rows, m, m, d, n, grads + offsets_[2 * l]);
    const float* w = weights + offsets_[2 * l];
    if (l == 1 && kernels.firstLayerBackward && m <= 64) {
      // Straight into the first layer's padded dz and its db.
      float* wT = aligned(lane.transposedWide);
      for (int j = 0; j < n; ++j)
        for (int k = 0; k < stride; ++k) wT[static_cast<size_t>(j) * stride + k] = k < m ? w[static_cast<size_t>(k) * n + j] : 0.0f;
      kernels.firstLayerBackward[(m + 15) / 16](d, rows, n, wT, lane.z[0].data(), lane.a[0].data(), m, stride,
                                                activations_[0], paddedDz,
                                                roles.firstBias ? grads + offsets_[1] : lane.biasGradient.data());
      break;
    }
    // da = dz · Wᵀ: the rows of Wᵀ are W's columns.
    float* wT = lane.transposed.data();
    for (int k = 0; k < m; ++k)
      for (int j = 0; j < n; ++j) wT[static_cast<size_t>(j) * m + k] = w[static_cast<size_t>(k) * n + j];
    // dz as compressed rows holding every entry (dz is dense: testing for zeros cost more than it
    // saved; a zero entry adds ±0).
    for (int r = 0; r <= rows; ++r) lane.rowStart[r] = r * n;
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < n; ++j) lane.index[static_cast<size_t>(r) * n + j] = j;
    std::fill(lane.da.begin(), lane.da.begin() + static_cast<size_t>(rows) * m, 0.0f);
    kernels.timesDense({lane.rowStart.data(), lane.rowStart.data() + 1, lane.index.data(), d}, rows, wT, m, lane.da.data());
  }
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
