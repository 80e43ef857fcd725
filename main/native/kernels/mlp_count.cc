// The MLP trainer's accuracy count: the images of a set its weights classify right, spread over
// the pool (evaluate), or (startCount) on a thread of its own beside the steps. A whole set is
// counted in integers with a bound (BoundedCount) where the net and the level allow, else by pairs
// of images (ImagePairs) where the level has a kernel for them.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "bounded_count.h"
#include "mlp.h"
#include "mlp_kernels.h"
#include "mlp_layout.h"
#include "thread_pool.h"

namespace bp {

namespace {

// Rows per forward pass in an accuracy pass: the scratch of a chunk stays in cache.
constexpr int kEvaluationChunk = 64;
// Images per call of the bounded count's kernel (between two looks at `cancelled`).
constexpr size_t kBoundedChunk = 1024;

// Whether the row of scores is right for the label; adds to counts[label·classes + predicted] if
// not null.
bool tally(const float* scores, int classes, int label, int32_t* counts) {
  const int predicted = argmax(scores, classes);
  if (counts) ++counts[label * classes + predicted];
  return predicted == label;
}

// The sum of body(first, count) over [begin, end) in chunks of `chunk`, until `cancelled` (if
// given) says so (a count not to be used).
template <typename Body>
size_t sumOverChunks(size_t begin, size_t end, size_t chunk, const std::function<bool()>* cancelled, Body body) {
  size_t sum = 0;
  for (size_t first = begin; first < end; first += chunk) {
    if (cancelled && (*cancelled)()) break;
    sum += body(first, static_cast<int>(std::min(chunk, end - first)));
  }
  return sum;
}

}  // namespace

size_t MlpTrainer::countCorrect(const float* weights, const ImageSet& set, size_t begin, size_t end, int32_t* counts,
                                const std::function<bool()>* cancelled) const {
  const int classes = sizes_.back();
  const uint8_t* labels = set.labels();
  Workspace ws(sizes_, kEvaluationChunk);
  return sumOverChunks(begin, end, kEvaluationChunk, cancelled, [&](size_t first, int rows) {
    // The next chunk's entries on their way while this one is summed: the product walks a chunk's
    // rows a block of pixels at a time, a pattern the hardware's prefetchers do not follow.
    const size_t next = first + rows;
    if (next < end) set.prefetch(set.begin(next), set.end(std::min(end, next + kEvaluationChunk) - 1));
    forwardRows(weights, set, first, rows, ws);
    const float* scores = ws.lanes[0].a.back().data();
    size_t correct = 0;
    for (int r = 0; r < rows; ++r) correct += tally(scores + static_cast<size_t>(r) * classes, classes, labels[first + r], counts);
    return correct;
  });
}

bool MlpTrainer::countsByPairs(const float* weights, const ImageSet& set) const {
  if (!set.pairs() || !mlpKernelsFor(activeSimdLevel()).imagePairRowsFor(stride0_, sizes_[1])) return false;
  // A pair's kernel adds 0 · w for the image dark at a pixel, which is no change only while w is finite.
  const float* w = weights + offsets_[0];
  return std::all_of(w, w + (offsets_[1] - offsets_[0]), [](float x) { return std::isfinite(x); });
}

size_t MlpTrainer::countPairsCorrect(const float* weights, const ImageSet& set, size_t begin, size_t end,
                                     int32_t* counts, const std::function<bool()>* cancelled) const {
  const int classes = sizes_.back();
  const uint8_t* labels = set.labels();
  const ImagePairs& pairs = *set.pairs();
  constexpr size_t kChunk = kEvaluationChunk / 2;
  Workspace ws(sizes_, kEvaluationChunk);
  return sumOverChunks(begin, end, kChunk, cancelled, [&](size_t first, int count) {
    // The next chunk's entries (one run of memory) on their way while this one is summed.
    const size_t next = first + count;
    if (next < end) pairs.prefetch(pairs.begin(next), pairs.end(std::min(end, next + kChunk) - 1));
    forwardPairs(weights, set, first, count, ws);
    const float* scores = ws.lanes[0].a.back().data();
    size_t correct = 0;
    for (int q = 0; q < count; ++q) {
      const size_t one = pairs.first(first + q);
      const size_t other = pairs.second(first + q);
      correct += tally(scores + static_cast<size_t>(2 * q) * classes, classes, labels[one], counts);
      if (other != ImagePairs::kNoImage)
        correct += tally(scores + static_cast<size_t>(2 * q + 1) * classes, classes, labels[other], counts);
    }
    return correct;
  });
}

std::unique_ptr<BoundedCount> MlpTrainer::boundedCount(const float* weights, const ImageSet& set) const {
  // One hidden ReLU layer under the scores: the bound holds for ReLU's exact arithmetic.
  if (!set.pixelPairs() || sizes_.size() != 3 || activations_[0].kind != MlpActivation::Relu ||
      activations_[1].kind != MlpActivation::None)
    return nullptr;
  return BoundedCount::make(weights + offsets_[0], stride0_, weights + offsets_[1], weights + offsets_[2],
                            weights + offsets_[3], sizes_[0], sizes_[1], sizes_[2], *set.pixelPairs());
}

size_t MlpTrainer::countBounded(const float* weights, const BoundedCount& bounded, const ImageSet& set, size_t begin,
                                size_t end, int32_t* counts, const std::function<bool()>* cancelled) const {
  const int classes = sizes_.back();
  const uint8_t* labels = set.labels();
  Workspace ws(sizes_, 1);
  std::vector<size_t> unsure;
  return sumOverChunks(begin, end, kBoundedChunk, cancelled, [&](size_t first, int count) {
    unsure.clear();
    size_t correct = bounded.count(*set.pixelPairs(), labels, first, first + count, counts, &unsure);
    // The images the bound leaves open, by the float count.
    for (const size_t image : unsure) {
      forwardRows(weights, set, image, 1, ws);
      correct += tally(ws.lanes[0].a.back().data(), classes, labels[image], counts);
    }
    return correct;
  });
}

size_t MlpTrainer::countPart(const float* weights, const ImageSet& set, int part, int parts, int32_t* counts,
                             const std::function<bool()>* cancelled) const {
  if (const std::unique_ptr<BoundedCount> bounded = boundedCount(weights, set)) {
    const size_t images = set.count();
    return countBounded(weights, *bounded, set, images * part / parts, images * (part + 1) / parts, counts, cancelled);
  }
  if (countsByPairs(weights, set)) {
    const size_t pairs = set.pairs()->count();
    return countPairsCorrect(weights, set, pairs * part / parts, pairs * (part + 1) / parts, counts, cancelled);
  }
  const size_t images = set.count();
  return countCorrect(weights, set, images * part / parts, images * (part + 1) / parts, counts, cancelled);
}

const char* MlpTrainer::countMethod(const ImageSet& set) const {
  const float* weights = weightSet(active_);
  if (boundedCount(weights, set)) return "bounded";
  return countsByPairs(weights, set) ? "pairs" : "images";
}

size_t MlpTrainer::evaluate(const ImageSet& set, size_t start, size_t count, int32_t* confusion) const {
  const int classes = sizes_.back();
  const int tasks = std::max(1, std::min(poolThreadCount(), static_cast<int>((count + kEvaluationChunk - 1) / kEvaluationChunk)));
  const bool whole = start == 0 && count == set.count();
  std::vector<size_t> correct(tasks, 0);
  std::vector<std::vector<int32_t>> counts(tasks, std::vector<int32_t>(confusion ? classes * classes : 0, 0));
  const float* weights = weightSet(active_);
  parallelFor(tasks, [&](int t) {
    int32_t* taskCounts = confusion ? counts[t].data() : nullptr;
    correct[t] = whole ? countPart(weights, set, t, tasks, taskCounts, nullptr)
                       : countCorrect(weights, set, start + count * t / tasks, start + count * (t + 1) / tasks,
                                      taskCounts, nullptr);
  });
  size_t total = 0;
  for (int t = 0; t < tasks; ++t) {
    total += correct[t];
    if (confusion)
      for (int i = 0; i < classes * classes; ++i) confusion[i] += counts[t][i];
  }
  return total;
}

void MlpTrainer::startCount(std::vector<std::shared_ptr<const ImageSet>> sets) {
  if (count_) throw std::logic_error("MlpTrainer::startCount: the last count's results have not been taken");
  // The weights as they are now, in the trainer's layout (64-byte aligned rows), for the count alone.
  auto copy = std::make_shared<std::vector<float>>(total_ + 16);
  const float* now = weightSet(active_);
  std::copy(now, now + total_, aligned(*copy));
  count_ = std::make_unique<BackgroundCount>(std::move(sets), [this, copy](const ImageSet& set, const std::function<bool()>& cancelled) {
    return countPart(aligned(*copy), set, 0, 1, nullptr, &cancelled);
  });
}

std::optional<std::vector<size_t>> MlpTrainer::takeCount(double milliseconds) {
  if (!count_) throw std::logic_error("MlpTrainer::takeCount: no count was started");
  std::optional<std::vector<size_t>> results = count_->waitFor(milliseconds);
  if (results) count_.reset();
  return results;
}

}  // namespace bp
