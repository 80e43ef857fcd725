// A multilayer perceptron's whole training step as one kernel (the lowered form of an
// MnistBatch → Affine → [ReLU | Sigmoid] → … → Softmax-with-Loss graph). It reads uint8 images
// directly, skips zero inputs in x·W and xᵀ·dz, computes no gradient for the input, updates the
// weights with the optimizer, and owns every buffer it needs (nothing is allocated per step).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bp {

enum class MlpActivation : int { None = 0, Relu = 1, Sigmoid = 2 };
enum class MlpOptimizer : int { Sgd = 0, Momentum = 1, Adagrad = 2, Adam = 3 };

class MlpTrainer {
 public:
  // sizes: widths from the input to the scores (layers + 1); params: W0, b0, W1, b1, … back to back.
  MlpTrainer(std::vector<int> sizes, std::vector<MlpActivation> activations, MlpOptimizer optimizer,
             double learningRate, int maxRows, const float* params);

  size_t paramCount() const { return total_; }
  int maxRows() const { return maxRows_; }
  int inputs() const { return sizes_.front(); }
  int classes() const { return sizes_.back(); }

  // One step on the rows `indices` (each < the image count, labels < classes: checked by the
  // caller). Returns the loss; the update is skipped when it is not finite or above maxLoss.
  double step(const uint8_t* images, const uint8_t* labels, const int32_t* indices, int rows, double maxLoss);
  // Rows classified right by the current weights; adds to confusion[actual·classes + predicted] if
  // not null. Spread over the thread pool.
  size_t evaluate(const uint8_t* images, const uint8_t* labels, size_t count, int32_t* confusion) const;
  // The current weights, or those before the last update.
  void copyWeights(bool previous, float* out) const;

  // Scratch for a forward pass over up to `rows` rows.
  struct Workspace {
    Workspace(const std::vector<int>& sizes, int rows);
    std::vector<std::vector<float>> z, a;
    // Compressed rows of a hidden layer's input, and of the pixels in an accuracy pass.
    std::vector<int32_t> rowStart, index;
    std::vector<float> value;
    std::vector<int32_t> pixelStart, pixelEnd, pixelIndex;
    std::vector<float> pixelValue;
    // The batch's pixels grouped by pixel (compressed columns, kept for the weight gradient), built
    // in up to kParts parts (row ranges, in parallel): each part's column starts, rows, values and
    // the pixels lit in it; `unionActive` the pixels lit in any part.
    static constexpr int kParts = 2;
    struct Columns {
      std::vector<int32_t> start, fill, row, active, lits;  // lits: one image's lit pixels (scratch)
      std::vector<float> value;
      int activeCount = 0;
    };
    Columns columns[kParts];
    int parts = 1;
    std::vector<int32_t> unionActive;
    // The first layer's outputs (or their gradient) with rows padded to whole cache lines.
    std::vector<float> wide;
  };

 private:
  void forward(const float* weights, const uint8_t* images, const int32_t* rows, size_t firstRow, int count,
               Workspace& ws, int tasks) const;
  // The optimizer on parameters [first, total).
  void update(const float* from, float* to, size_t first);

  std::vector<int> sizes_;
  std::vector<MlpActivation> activations_;
  MlpOptimizer optimizer_;
  double learningRate_;
  int maxRows_;
  size_t total_;
  std::vector<size_t> offsets_;  // each W and b in the flat arrays
  std::vector<float> sets_[2];   // a step reads one set and writes the updated weights into the other
  int active_ = 0;
  std::vector<float> grads_, state0_, state1_;
  long long updates_ = 0;
  Workspace ws_;
  std::vector<std::vector<float>> dz_;
  std::vector<float> da_;
  std::vector<float> transposed_;  // Wᵀ of a hidden layer, for da = dz · Wᵀ
};

}  // namespace bp
