// Batches from the uint8 MNIST arrays, and argmax accuracy.
#include <napi.h>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/mnist_batch.h"

namespace bp {

namespace {

// gatherBatch(images, labels, pixels, classes, indices, x, t): fills x (batch×pixels) and t
// (batch×classes, one-hot) from the images and labels at `indices`.
Napi::Value GatherBatch(const Napi::CallbackInfo& info) {
  Args args(info, "gatherBatch");
  auto images = args.uint8Array(0, "images");
  auto labels = args.uint8Array(1, "labels");
  const int pixels = args.dimension(2, "pixels");
  const int classes = args.dimension(3, "classes");
  auto indices = args.int32Array(4, "indices");
  auto x = args.float32Array(5, "x");
  auto t = args.float32Array(6, "t");
  const size_t count = labels.length;
  args.requireLength(images, static_cast<double>(count) * pixels, "one image of pixels values per label");
  args.requireLength(x, static_cast<double>(indices.length) * pixels, "indices.length×pixels");
  args.requireLength(t, static_cast<double>(indices.length) * classes, "indices.length×classes");
  args.requireDisjoint(x, t);
  for (size_t r = 0; r < indices.length; ++r) {
    const int32_t index = indices.data[r];
    if (index < 0 || static_cast<size_t>(index) >= count) {
      args.rangeError("indices[" + std::to_string(r) + "] = " + std::to_string(index) + " is outside 0.." +
                      std::to_string(count - 1));
    }
    if (labels.data[index] >= classes) {
      args.rangeError("labels[" + std::to_string(index) + "] = " + std::to_string(labels.data[index]) +
                      " is not below classes (" + std::to_string(classes) + ")");
    }
  }
  gatherBatch(images.data, labels.data, count, static_cast<size_t>(pixels), static_cast<size_t>(classes),
              indices.data, indices.length, x.data, t.data);
  return info.Env().Undefined();
}

// countCorrect(scores, labels, cols) → number of rows whose argmax is the label
Napi::Value CountCorrect(const Napi::CallbackInfo& info) {
  Args args(info, "countCorrect");
  auto scores = args.float32Array(0, "scores");
  auto labels = args.uint8Array(1, "labels");
  const int cols = args.dimension(2, "cols");
  if (scores.length % static_cast<size_t>(cols) != 0) {
    args.rangeError("cols (" + std::to_string(cols) + ") must divide the length of scores (" +
                    std::to_string(scores.length) + ")");
  }
  const size_t rows = scores.length / static_cast<size_t>(cols);
  args.requireLength(labels, static_cast<double>(rows), "one label per row of scores");
  return Napi::Number::New(info.Env(),
                           static_cast<double>(countCorrect(scores.data, rows, static_cast<size_t>(cols), labels.data)));
}

}  // namespace

void registerMnistBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("gatherBatch", exportFunction<GatherBatch>(env, "gatherBatch"));
  exports.Set("countCorrect", exportFunction<CountCorrect>(env, "countCorrect"));
}

}  // namespace bp
