// Softmax, cross-entropy and their combined backward.
#include <napi.h>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/softmax_loss.h"

namespace bp {

namespace {

size_t checkedRows(const Args& args, const ArrayArg<float>& array, int cols) {
  if (array.length % static_cast<size_t>(cols) != 0) {
    args.rangeError("cols (" + std::to_string(cols) + ") must divide the length of " + array.name + " (" +
                    std::to_string(array.length) + ")");
  }
  return array.length / static_cast<size_t>(cols);
}

// softmax(x, out, cols)
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  Args args(info, "softmax");
  auto x = args.float32Array(0, "x");
  auto out = args.float32Array(1, "out");
  const int cols = args.dimension(2, "cols");
  const size_t rows = checkedRows(args, x, cols);
  args.requireLength(out, static_cast<double>(x.length), "the length of x");
  softmaxRows(x.data, rows, static_cast<size_t>(cols), out.data);
  return info.Env().Undefined();
}

// crossEntropy(y, t, cols) → number
Napi::Value CrossEntropy(const Napi::CallbackInfo& info) {
  Args args(info, "crossEntropy");
  auto y = args.float32Array(0, "y");
  auto t = args.float32Array(1, "t");
  const int cols = args.dimension(2, "cols");
  const size_t rows = checkedRows(args, y, cols);
  args.requireLength(t, static_cast<double>(y.length), "the length of y");
  return Napi::Number::New(info.Env(), crossEntropy(y.data, t.data, y.length, rows));
}

// softmaxCrossEntropyBackward(y, t, dout, out, cols)
Napi::Value SoftmaxCrossEntropyBackward(const Napi::CallbackInfo& info) {
  Args args(info, "softmaxCrossEntropyBackward");
  auto y = args.float32Array(0, "y");
  auto t = args.float32Array(1, "t");
  const double dout = args.finiteNumber(2, "dout");
  auto out = args.float32Array(3, "out");
  const int cols = args.dimension(4, "cols");
  const size_t rows = checkedRows(args, y, cols);
  args.requireLength(t, static_cast<double>(y.length), "the length of y");
  args.requireLength(out, static_cast<double>(y.length), "the length of y");
  softmaxCrossEntropyBackward(y.data, t.data, y.length, rows, dout, out.data);
  return info.Env().Undefined();
}

}  // namespace

void registerLossBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("softmax", exportFunction<Softmax>(env, "softmax"));
  exports.Set("crossEntropy", exportFunction<CrossEntropy>(env, "crossEntropy"));
  exports.Set("softmaxCrossEntropyBackward",
              exportFunction<SoftmaxCrossEntropyBackward>(env, "softmaxCrossEntropyBackward"));
}

}  // namespace bp
