// The fused MLP training kernel (kernels/mlp.h) behind a handle: mlpCreate makes one, mlpStep,
// mlpEvaluate, mlpCountStart, mlpCountResult, mlpCountStop and mlpWeights use it. The handle owns
// the weights, optimizer state and scratch (and the thread of a count under way).
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "binding_args.h"
#include "binding_image_set.h"
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

// Throws unless the image set fits the trainer: as many pixels as its inputs, every label below its classes.
void requireFits(const Args& args, const ImageSet& set, const MlpTrainer& trainer) {
  if (set.pixels() != trainer.inputs()) {
    args.rangeError("images has " + str(static_cast<size_t>(set.pixels())) + " pixels per image, the trainer takes " +
                    str(static_cast<size_t>(trainer.inputs())));
  }
  if (set.maxLabel() >= trainer.classes()) {
    args.rangeError("labels[" + str(set.maxLabelIndex()) + "] = " + str(set.maxLabel()) + " is not below the " +
                    str(static_cast<size_t>(trainer.classes())) + " classes");
  }
}

// The image set of argument `index`, checked against the trainer.
const ImageSet& imagesArg(const Args& args, size_t index, const MlpTrainer& trainer) {
  const ImageSet& set = imageSetArg(args, index, "images");
  requireFits(args, set, trainer);
  return set;
}

// mlpCreate(sizes, activations, optimizer, learningRate, batchSize, params, slopes) → handle
// sizes: Int32Array (layers + 1 widths); activations: Int32Array (layers; 0 none, 1 relu, 2 sigmoid,
// 3 tanh, 4 leaky relu); optimizer: 'sgd' | 'momentum' | 'adagrad' | 'adam'; params: W0, b0, W1, b1,
// … back to back; slopes: Float32Array (layers; each leaky relu's slope for z ≤ 0, finite).
Napi::Value MlpCreate(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCreate");
  auto sizes = args.int32Array(0, "sizes");
  auto activations = args.int32Array(1, "activations");
  const std::string optimizerName = args.string(2, "optimizer");
  const double learningRate = args.finiteNumber(3, "learningRate");
  const int batchSize = args.dimension(4, "batchSize");
  auto params = args.float32Array(5, "params");
  auto slopes = args.float32Array(6, "slopes");
  // A guard for direct callers of the addon (the app and the CLI stop far lower, app/limits.ts); the test table checks it.
  if (batchSize > (1 << 24)) args.rangeError("batchSize = " + std::to_string(batchSize) + " is above 16777216");
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
  args.requireLength(slopes, static_cast<double>(widths.size() - 1), "one slope per layer (sizes.length − 1)");
  std::vector<LayerActivation> kinds;
  for (size_t i = 0; i < activations.length; ++i) {
    const int32_t a = activations.data[i];
    if (a < 0 || a > 4) {
      args.rangeError("activations[" + str(i) + "] = " + std::to_string(a) +
                      " must be 0 (none), 1 (relu), 2 (sigmoid), 3 (tanh) or 4 (leaky relu)");
    }
    if (!std::isfinite(slopes.data[i])) args.rangeError("slopes[" + str(i) + "] must be finite");
    kinds.push_back({static_cast<MlpActivation>(a), slopes.data[i]});
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

// Rows of the set for a step: at most the trainer's batch size, each an image of the set.
ArrayArg<int32_t> stepRowsArg(const Args& args, size_t index, const char* name, const MlpTrainer& trainer,
                              const ImageSet& images) {
  auto rows = args.int32Array(index, name);
  if (rows.length > static_cast<size_t>(trainer.maxRows())) {
    args.rangeError(std::string(name) + " holds " + str(rows.length) + " rows, more than the batchSize (" +
                    str(trainer.maxRows()) + ")");
  }
  for (size_t r = 0; r < rows.length; ++r) {
    const int32_t image = rows.data[r];
    if (image < 0 || static_cast<size_t>(image) >= images.count()) {
      args.rangeError(std::string(name) + "[" + str(r) + "] = " + std::to_string(image) + " is outside 0.." +
                      str(images.count() - 1));
    }
  }
  return rows;
}

// mlpStep(trainer, images, indices, maxLoss, next?) → loss: one training step on images `indices` of
// the image set `images` (a handle from imageSetCreate). `next`, the next step's rows if known, are
// only loaded toward the cache.
Napi::Value MlpStep(const Napi::CallbackInfo& info) {
  Args args(info, "mlpStep");
  MlpTrainer& trainer = trainerArg(args, 0);
  const ImageSet& images = imagesArg(args, 1, trainer);
  auto indices = stepRowsArg(args, 2, "indices", trainer, images);
  const double maxLoss = args.number(3, "maxLoss");
  MlpTrainer::Rows next{nullptr, 0};
  if (info.Length() > 4 && !info[4].IsUndefined()) {
    auto rows = stepRowsArg(args, 4, "next", trainer, images);
    next = {rows.data, static_cast<int>(rows.length)};
  }
  const double loss = trainer.step(images, indices.data, static_cast<int>(indices.length), maxLoss, next);
  return Napi::Number::New(info.Env(), loss);
}

// mlpEvaluate(trainer, images, start, count, confusion?) → images [start, start + count) of the set
// classified right; adds to confusion (classes × classes Int32Array, [actual][predicted]) when given.
Napi::Value MlpEvaluate(const Napi::CallbackInfo& info) {
  Args args(info, "mlpEvaluate");
  MlpTrainer& trainer = trainerArg(args, 0);
  const ImageSet& images = imagesArg(args, 1, trainer);
  const int start = args.index(2, "start");
  const int count = args.dimension(3, "count");
  if (static_cast<size_t>(start) >= images.count()) {
    args.rangeError("start = " + std::to_string(start) + " is outside 0.." + str(images.count() - 1));
  }
  if (static_cast<size_t>(count) > images.count() - start) {
    args.rangeError("count = " + std::to_string(count) + " runs past the set's " + str(images.count()) +
                    " images from start = " + std::to_string(start));
  }
  int32_t* confusion = nullptr;
  if (info.Length() > 4 && !info[4].IsUndefined()) {
    auto counts = args.int32Array(4, "confusion");
    args.requireLength(counts, static_cast<double>(trainer.classes()) * trainer.classes(), "classes × classes");
    confusion = counts.data;
  }
  return Napi::Number::New(info.Env(), static_cast<double>(trainer.evaluate(images, start, count, confusion)));
}

// mlpCountMethod(trainer, images) → how a whole-set count of the images with the current weights
// runs: "bounded", "pairs" or "images" (MlpTrainer::countMethod).
Napi::Value MlpCountMethod(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCountMethod");
  MlpTrainer& trainer = trainerArg(args, 0);
  const ImageSet& images = imagesArg(args, 1, trainer);
  return Napi::String::New(info.Env(), trainer.countMethod(images));
}

// mlpCountStart(trainer, images, …more images): starts counting, beside the steps (runInBackground),
// the images of each set the current weights classify right, while steps go on (MlpTrainer::startCount).
Napi::Value MlpCountStart(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCountStart");
  MlpTrainer& trainer = trainerArg(args, 0);
  std::vector<std::shared_ptr<const ImageSet>> sets;
  for (size_t i = 1; i < std::max<size_t>(info.Length(), 2); ++i) {
    std::shared_ptr<const ImageSet> set = sharedImageSetArg(args, i, "images");
    requireFits(args, *set, trainer);
    sets.push_back(std::move(set));
  }
  if (trainer.counting()) {
    throw Napi::Error::New(info.Env(), "mlpCountStart: a count is under way; take its results with mlpCountResult first");
  }
  trainer.startCount(std::move(sets));
  return info.Env().Undefined();
}

// mlpCountResult(trainer, waitMilliseconds) → the started count's results (one per set, in order)
// once it is done, waiting up to waitMilliseconds (Infinity: until it is done) for it; undefined if
// it is still running then. The count is over once its results are returned.
Napi::Value MlpCountResult(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCountResult");
  MlpTrainer& trainer = trainerArg(args, 0);
  const double milliseconds = args.number(1, "waitMilliseconds");
  if (milliseconds < 0) args.rangeError("waitMilliseconds must be 0 or more, got " + std::to_string(milliseconds));
  if (!trainer.counting()) throw Napi::Error::New(info.Env(), "mlpCountResult: no count is under way (mlpCountStart starts one)");
  const std::optional<std::vector<size_t>> counts = trainer.takeCount(milliseconds);
  if (!counts) return info.Env().Undefined();
  Napi::Array result = Napi::Array::New(info.Env(), counts->size());
  for (size_t i = 0; i < counts->size(); ++i) result.Set(static_cast<uint32_t>(i), Napi::Number::New(info.Env(), static_cast<double>((*counts)[i])));
  return result;
}

// mlpCountStop(trainer): cancels the started count, if any.
Napi::Value MlpCountStop(const Napi::CallbackInfo& info) {
  Args args(info, "mlpCountStop");
  trainerArg(args, 0).stopCount();
  return info.Env().Undefined();
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
  exports.Set("mlpCountMethod", exportFunction<MlpCountMethod>(env, "mlpCountMethod"));
  exports.Set("mlpCountStart", exportFunction<MlpCountStart>(env, "mlpCountStart"));
  exports.Set("mlpCountResult", exportFunction<MlpCountResult>(env, "mlpCountResult"));
  exports.Set("mlpCountStop", exportFunction<MlpCountStop>(env, "mlpCountStop"));
}

}  // namespace bp
