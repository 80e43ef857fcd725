// The fused MLP training kernel (kernels/mlp.h) behind a handle: mlpCreate makes one, mlpStep,
// mlpEvaluate and mlpWeights use it. The handle owns the weights, optimizer state and scratch.
#include <napi.h>

#include <string>
#include <vector>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/mlp.h"

namespace bp {

namespace {

const napi_type_tag kMlpTag = {0x6270737475646d6cULL, 0x4d4c505472616e21ULL};
const char* const kHandle = "a handle from mlpCreate";

std::string str(size_t value) { return std::to_string(value); }

MlpTrainer& trainerArg(const Args& args, size_t index) {
  return *static_cast<MlpTrainer*>(args.tagged(index, "trainer", kMlpTag, kHandle));
}

// Checks images (count × inputs) against labels (count, each below classes).
size_t checkSplit(const Args& args, const MlpTrainer& trainer, const ArrayArg<uint8_t>& images,
                  const ArrayArg<uint8_t>& labels) {
  const size_t count = labels.length;
  args.requireLength(images, static_cast<double>(count) * trainer.inputs(), "one image of " + str(trainer.inputs()) + " pixels per label");
  return count;
}

void checkLabel(const Args& args, const ArrayArg<uint8_t>& labels, size_t index, int classes) {
  if (labels.data[index] >= classes) {
    args.rangeError("labels[" + str(index) + "] = " + str(labels.data[index]) + " is not below the " + str(classes) +
                    " classes");
  }
}

// mlpCreate(sizes, activations, optimizer, learningRate, batchSize, params) → handle
// sizes: Int32Array (layers + 1 widths); activations: Int32Array (layers; 0 none, 1 relu, 2 sigmoid);
// optimizer: 'sgd' | 'momentum' | 'adagrad' | 'adam'; params: W0, b0, W1, b1, … back to back.
Napi::Value MlpCreate(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCreate");
  auto sizes = args.int32Array(0, "sizes");
  auto activations = args.int32Array(1, "activations");
  const std::string optimizerName = args.string(2, "optimizer");
  const double learningRate = args.finiteNumber(3, "learningRate");
  const int batchSize = args.dimension(4, "batchSize");
  auto params = args.float32Array(5, "params");
  if (sizes.length < 2) args.rangeError("sizes must hold at least 2 widths, got " + str(sizes.length));
  std::vector<int> widths(sizes.data, sizes.data + sizes.length);
  double total = 0;
  for (size_t i = 0; i < widths.size(); ++i) {
    if (widths[i] < 1 || widths[i] > (1 << 20)) {
      args.rangeError("sizes[" + str(i) + "] = " + std::to_string(widths[i]) + " must be in 1..1048576");
    }
    if (i > 0) total += static_cast<double>(widths[i - 1]) * widths[i] + widths[i];
  }
  if (widths.back() < 2) args.rangeError("sizes must end with at least 2 classes, got " + std::to_string(widths.back()));
  args.requireLength(activations, static_cast<double>(widths.size() - 1), "one activation per layer (sizes.length − 1)");
  std::vector<MlpActivation> kinds;
  for (size_t i = 0; i < activations.length; ++i) {
    const int32_t a = activations.data[i];
    if (a < 0 || a > 2) args.rangeError("activations[" + str(i) + "] = " + std::to_string(a) + " must be 0 (none), 1 (relu) or 2 (sigmoid)");
    kinds.push_back(static_cast<MlpActivation>(a));
  }
  MlpOptimizer optimizer;
  if (optimizerName == "sgd") optimizer = MlpOptimizer::Sgd;
  else if (optimizerName == "momentum") optimizer = MlpOptimizer::Momentum;
  else if (optimizerName == "adagrad") optimizer = MlpOptimizer::Adagrad;
  else if (optimizerName == "adam") optimizer = MlpOptimizer::Adam;
  else args.rangeError("optimizer must be 'sgd', 'momentum', 'adagrad' or 'adam', got '" + optimizerName + "'");
  if (!(learningRate > 0)) args.rangeError("learningRate must be positive, got " + std::to_string(learningRate));
  args.requireLength(params, total, "the weights and biases of every layer back to back");
  auto* trainer = new MlpTrainer(std::move(widths), std::move(kinds), optimizer, learningRate, batchSize, params.data);
  auto handle = Napi::External<MlpTrainer>::New(info.Env(), trainer, [](Napi::Env, MlpTrainer* t) { delete t; });
  handle.TypeTag(&kMlpTag);
  return handle;
}

// mlpStep(trainer, images, labels, indices, maxLoss) → loss: one training step on rows `indices`.
Napi::Value MlpStep(const Napi::CallbackInfo& info) {
  Args args(info, "mlpStep");
  MlpTrainer& trainer = trainerArg(args, 0);
  auto images = args.uint8Array(1, "images");
  auto labels = args.uint8Array(2, "labels");
  auto indices = args.int32Array(3, "indices");
  const double maxLoss = args.number(4, "maxLoss");
  const size_t count = checkSplit(args, trainer, images, labels);
  if (indices.length > static_cast<size_t>(trainer.maxRows())) {
    args.rangeError("indices holds " + str(indices.length) + " rows, more than the batchSize (" + str(trainer.maxRows()) + ")");
  }
  for (size_t r = 0; r < indices.length; ++r) {
    const int32_t index = indices.data[r];
    if (index < 0 || static_cast<size_t>(index) >= count) {
      args.rangeError("indices[" + str(r) + "] = " + std::to_string(index) + " is outside 0.." + str(count - 1));
    }
    checkLabel(args, labels, static_cast<size_t>(index), trainer.classes());
  }
  const double loss = trainer.step(images.data, labels.data, indices.data, static_cast<int>(indices.length), maxLoss);
  return Napi::Number::New(info.Env(), loss);
}

// mlpEvaluate(trainer, images, labels, confusion?) → rows classified right; adds to confusion
// (classes × classes Int32Array, [actual][predicted]) when given.
Napi::Value MlpEvaluate(const Napi::CallbackInfo& info) {
  Args args(info, "mlpEvaluate");
  MlpTrainer& trainer = trainerArg(args, 0);
  auto images = args.uint8Array(1, "images");
  auto labels = args.uint8Array(2, "labels");
  int32_t* confusion = nullptr;
  if (info.Length() > 3 && !info[3].IsUndefined()) {
    auto counts = args.int32Array(3, "confusion");
    args.requireLength(counts, static_cast<double>(trainer.classes()) * trainer.classes(), "classes × classes");
    confusion = counts.data;
  }
  const size_t count = checkSplit(args, trainer, images, labels);
  for (size_t i = 0; i < count; ++i) checkLabel(args, labels, i, trainer.classes());
  return Napi::Number::New(info.Env(), static_cast<double>(trainer.evaluate(images.data, labels.data, count, confusion)));
}

// mlpWeights(trainer, out, previous?): copies the current weights (or those before the last update).
Napi::Value MlpWeights(const Napi::CallbackInfo& info) {
  Args args(info, "mlpWeights");
  MlpTrainer& trainer = trainerArg(args, 0);
  auto out = args.float32Array(1, "out");
  const bool previous = args.flag(2, "previous");
  args.requireLength(out, static_cast<double>(trainer.paramCount()), "the trainer's parameter count");
  trainer.copyWeights(previous, out.data);
  return info.Env().Undefined();
}

}  // namespace

void registerMlpBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("mlpCreate", exportFunction<MlpCreate>(env, "mlpCreate"));
  exports.Set("mlpStep", exportFunction<MlpStep>(env, "mlpStep"));
  exports.Set("mlpEvaluate", exportFunction<MlpEvaluate>(env, "mlpEvaluate"));
  exports.Set("mlpWeights", exportFunction<MlpWeights>(env, "mlpWeights"));
}

}  // namespace bp
