// A multilayer perceptron's whole training step as one kernel (the lowered form of an
// MnistBatch → Affine → [activation] → … → Softmax-with-Loss graph). It reads the lit pixels
// of an ImageSet (zero inputs are skipped in x·W and xᵀ·dz), computes no gradient for the input, updates the
// weights with the optimizer, and owns every buffer it needs (nothing is allocated per step).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "background_count.h"
#include "image_set.h"
#include "task_count_chooser.h"
#include "thread_pool.h"

namespace bp {

struct PixelLists;
class BoundedCount;

enum class MlpActivation : int { None = 0, Relu = 1, Sigmoid = 2, Tanh = 3, LeakyRelu = 4 };
// A layer's activation; slope is LeakyReLU's for z ≤ 0 (unused by the others).
struct LayerActivation {
  MlpActivation kind;
  float slope;
};
enum class MlpOptimizer : int { Sgd = 0, Momentum = 1, Adagrad = 2, Adam = 3 };

class MlpTrainer {
 public:
  // sizes: widths from the input to the scores (layers + 1); params: W0, b0, W1, b1, … back to back.
  MlpTrainer(std::vector<int> sizes, std::vector<LayerActivation> activations, MlpOptimizer optimizer,
             double learningRate, int maxRows, const float* params);

  // The parameters' count as given and copied out (W0, b0, W1, b1, … back to back).
  size_t paramCount() const { return flatTotal_; }
  int maxRows() const { return maxRows_; }
  int inputs() const { return sizes_.front(); }
  int classes() const { return sizes_.back(); }

  // Images of a set, by index.
  struct Rows {
    const int32_t* indices;
    int count;
  };
  // One step on the images `indices` of the set (each < its count, its pixels = inputs(), its labels
  // < classes: checked by the caller). Returns the loss; the update is skipped when it is not
  // finite or above maxLoss. `next`, the next step's images if known (checked alike), are loaded
  // toward the cache at the end of the step: a step's batch is drawn at random from tens of
  // megabytes of entries, and its first layer otherwise waited for them.
  double step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows next = {nullptr, 0});
  // Images [start, start + count) of the set (within it: checked by the caller) classified right by
  // the current weights; adds to confusion[actual·classes + predicted] if not null. Spread over the
  // thread pool.
  size_t evaluate(const ImageSet& set, size_t start, size_t count, int32_t* confusion) const;
  // Starts counting, beside the caller (runInBackground), the images of each set the current
  // weights classify right (on a copy of them, taken now), while steps go on: on one task, the count
  // has the other core. One count at a time: the last one's results must have been taken.
  void startCount(std::vector<std::shared_ptr<const ImageSet>> sets);
  // Whether a count has been started and neither taken nor stopped.
  bool counting() const { return count_ != nullptr; }
  // The started count's results (one per set) once it is done, waiting up to `milliseconds` for it
  // (forever if infinite); nothing if it is still running. Taken results end the count.
  std::optional<std::vector<size_t>> takeCount(double milliseconds);
  // How a whole-set count of `set` with the current weights runs: "bounded" (bounded_count.h),
  // "pairs" (ImagePairs) or "images" (one image at a time).
  const char* countMethod(const ImageSet& set) const;
  // Cancels the started count, if any (its thread stops within a chunk of rows).
  void stopCount() { count_.reset(); }
  // The current weights, or those before the last update.
  void copyWeights(bool previous, float* out) const;

  // Scratch for a forward pass over up to `rows` rows.
  struct Workspace {
    // lanes: how many tasks compute the layers above the first layer's product (a step's two
    // tasks both do; an accuracy pass needs one).
    Workspace(const std::vector<int>& sizes, int rows, int lanes = 1);
    // Per half of the pixels of a step's first layer (ImageSet::splitPixel; one pool task each
    // when the step runs on two): each row's next and end entry in the image set.
    static constexpr int kParts = 2;
    struct Task {
      // first: where the product started (the gradient starts there again, without reading the
      // image set's offsets a second time: a cache miss per row for a random batch). Where the
      // product runs by pixel lists, the cursors are in the set's StepEntries, and started says
      // which rows' sums it has written.
      std::vector<size_t> cursor, limit, first;
      std::vector<uint8_t> started;
      // The ends of the lists by pixel (PixelLists) of this half's pixels, indexed by pixel: an
      // array per half, so that the two tasks never write one cache line (pixels by the split
      // are lit in most images).
      std::vector<uint16_t*> litEnd;
    };
    Task tasks[kParts];
    // A step's batch listed by pixel (PixelLists, mlp_kernels.h): for each input pixel room for
    // `rows` entries (the ends in each Task); empty where rows > 256 (an entry holds its row in a byte).
    std::vector<uint16_t> litRows;
    int litCapacity = 0;
    // The first layer's sums, rows padded to whole cache lines: a step's over each half of the
    // pixels, an accuracy pass's (over all of them) in the first.
    std::vector<float> sums[kParts];
    // What a task computes from the sums on: each layer's z and a, a hidden layer's input as
    // compressed rows, and a step's backward pass down to the first layer's dz (padded like the
    // sums, for the image-gradient kernel).
    struct Lane {
      std::vector<std::vector<float>> z, a;
      std::vector<int32_t> rowStart, index;
      std::vector<float> value;
      std::vector<std::vector<float>> dz;
      std::vector<float> da;
      std::vector<float> transposed;      // Wᵀ of a hidden layer, for da = dz · Wᵀ
      std::vector<float> transposedWide;  // the second layer's Wᵀ with rows padded like the first layer's
      std::vector<float> paddedDz;
      std::vector<float> biasGradient;  // the first layer's, from a task without that role (StepRoles)
    };
    std::vector<Lane> lanes;
  };

 private:
  // A step's first-layer sums over half `half` of the pixels of images rows[r], r < count.
  void productHalf(const float* weights, const ImageSet& set, const int32_t* rows, int count, int half,
                   Workspace& ws) const;
  // Whether a step's first layer runs by pixel lists (PixelLists): the level has the kernels for the
  // first layer's width, the workspace has the lists and the set its StepEntries.
  bool listsByPixel(const Workspace& ws, const ImageSet& set) const;
  static PixelLists pixelLists(Workspace& ws, int half);
  // The layers on from the first layer's sums (both halves' added, or the first alone), into the
  // lane's z and a.
  void upperLayers(const float* weights, const float* const* sums, int sumCount, int count,
                   Workspace::Lane& lane) const;
  // The layers' outputs for images firstRow + r, r < count (an accuracy pass), into ws.lanes[0].
  void forwardRows(const float* weights, const ImageSet& set, size_t firstRow, int count, Workspace& ws) const;
  // The same for the images of pairs firstPair + q, q < count (ImagePairs): pair q's two images in
  // rows 2q and 2q + 1 (where countsByPairs).
  void forwardPairs(const float* weights, const ImageSet& set, size_t firstPair, int count, Workspace& ws) const;
  // Whether a whole set is counted by pairs of images with these weights: the set has its pairs,
  // the level a kernel for the first layer's width, and W is finite.
  bool countsByPairs(const float* weights, const ImageSet& set) const;
  // Images [begin, end) of the set that `weights` classify right, a chunk of rows at a time on the
  // calling thread; adds to counts[actual·classes + predicted] if not null. Returns early (a count
  // not to be used) once `cancelled` (if given) says so.
  size_t countCorrect(const float* weights, const ImageSet& set, size_t begin, size_t end, int32_t* counts,
                      const std::function<bool()>* cancelled) const;
  // The same for the images of pairs [begin, end).
  size_t countPairsCorrect(const float* weights, const ImageSet& set, size_t begin, size_t end, int32_t* counts,
                           const std::function<bool()>* cancelled) const;
  // The bounded count (bounded_count.h) of a whole set with these weights, where it applies (the
  // set has its pixel pairs, the net one hidden ReLU layer); else null.
  std::unique_ptr<BoundedCount> boundedCount(const float* weights, const ImageSet& set) const;
  // Images [begin, end) of the set that `weights` classify right, by `bounded` and, for the images
  // it leaves open, by the float count; as countCorrect otherwise.
  size_t countBounded(const float* weights, const BoundedCount& bounded, const ImageSet& set, size_t begin, size_t end,
                      int32_t* counts, const std::function<bool()>* cancelled) const;
  // Part `part` of `parts` of a whole set's count: bounded where boundedCount applies, else by pairs
  // where countsByPairs, else by images.
  size_t countPart(const float* weights, const ImageSet& set, int part, int parts, int32_t* counts,
                   const std::function<bool()>* cancelled) const;
  // One step on `tasks` pool tasks.
  double step(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows nextBatch, int tasks);
  // A step's task t of `parts`: its halves' products, (with two tasks, once both have their sums)
  // the layers above, the loss and the backward pass to the first layer's dz, then its halves'
  // weight gradient; returns the loss. Each task also writes the shared results its roles say.
  double stepTask(const ImageSet& set, const int32_t* indices, int rows, double maxLoss, Rows nextBatch, int t, int parts,
                  SpinBarrier* sumsReady);
  // Starts loading, toward the second-level cache, the entries of images `rows` in the halves of the
  // pixels task t of `parts` owns.
  void prefetchHalves(const ImageSet& set, Rows rows, int t, int parts) const;
  // Which of a step's shared results a task writes (each once, so the two tasks share them out):
  // the first layer's bias gradient (task 0), the second layer's weight gradient for its input
  // units [secondFrom, secondTo) (each task a part: the last task's other roles would otherwise
  // leave task 0 waiting for it), and the rest of the layers above's gradients (the last task);
  // with plain SGD, also their update.
  struct StepRoles {
    bool firstBias;
    bool upperLayers;
    int secondFrom, secondTo;
  };
  StepRoles rolesOf(int t, int parts) const;
  // The parameters [first, end) whose gradients (and plain SGD's update) the roles own, past the
  // first layer's W: some ranges may be empty.
  struct ParamRange {
    size_t first, end;
  };
  std::array<ParamRange, 3> ownedParams(StepRoles roles) const;
  // Softmax with loss and the backward pass to the first layer's dz (in lane.paddedDz), writing
  // the gradients the roles say. Returns the mean loss.
  double backToFirstLayer(const float* weights, const ImageSet& set, const int32_t* indices, int rows,
                          Workspace::Lane& lane, StepRoles roles);
  // The optimizer on parameters [first, end) (Adam's bias correction counts updates_, which the
  // caller advances once per step).
  void update(const float* from, float* to, size_t first, size_t end);

  std::vector<int> sizes_;
  std::vector<LayerActivation> activations_;
  MlpOptimizer optimizer_;
  double learningRate_;
  int maxRows_;
  size_t total_;      // the parameters held, the first layer's W rows padded to stride0_
  size_t flatTotal_;  // the parameters as given and copied out
  int stride0_;       // the first layer's W row stride: its width rounded up to whole lines
  std::vector<size_t> offsets_;  // each W and b in the flat arrays
  // A step reads one set and writes the updated weights into the other; weightSet(i) is set i's
  // first parameter, 64-byte aligned (the first layer's W rows then start on whole lines).
  std::vector<float> sets_[2];
  float* weightSet(int which);
  const float* weightSet(int which) const;
  int active_ = 0;
  // grads_ is read through aligned(): the first layer's gradient rows start on whole lines.
  std::vector<float> grads_, state0_, state1_;
  // Per input pixel, with plain SGD: whether its row of the first layer's W is the same in both
  // weight sets (GradientOut::same).
  std::vector<uint8_t> sameInBothSets_;
  long long updates_ = 0;
  TaskCountChooser stepTasks_;
  Workspace ws_;
  // Last: destroyed first, so the count's thread (which reads the sizes above) is joined before them.
  std::unique_ptr<BackgroundCount> count_;
};

}  // namespace bp
