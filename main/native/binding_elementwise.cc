// Elementwise kernels: add/mul with broadcasting, the reductions, the activations.
#include <napi.h>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/elementwise.h"

namespace bp {

namespace {

// add(a, b, out, cols) / mul(...): b holds a.length values, cols (a row vector) or 1 (a scalar).
template <void (*Kernel)(const float*, size_t, const float*, size_t, size_t, float*)>
Napi::Value Broadcast(const Napi::CallbackInfo& info, const char* exportName) {
  Args args(info, exportName);
  auto a = args.float32Array(0, "a");
  auto b = args.float32Array(1, "b");
  auto out = args.float32Array(2, "out");
  const int cols = args.dimension(3, "cols");
  if (a.length % static_cast<size_t>(cols) != 0) {
    args.rangeError("cols (" + std::to_string(cols) + ") must divide the length of a (" + std::to_string(a.length) + ")");
  }
  if (b.length != a.length && b.length != static_cast<size_t>(cols) && b.length != 1) {
    args.rangeError("b must hold as many values as a (" + std::to_string(a.length) + "), cols (" +
                    std::to_string(cols) + ") or 1, got " + std::to_string(b.length));
  }
  args.requireLength(out, static_cast<double>(a.length), "the length of a");
  Kernel(a.data, a.length, b.data, b.length, static_cast<size_t>(cols), out.data);
  return info.Env().Undefined();
}

Napi::Value Add(const Napi::CallbackInfo& info) { return Broadcast<addBroadcast>(info, "add"); }
Napi::Value Mul(const Napi::CallbackInfo& info) { return Broadcast<mulBroadcast>(info, "mul"); }

// sumRows(g, out, rows, cols)
Napi::Value SumRows(const Napi::CallbackInfo& info) {
  Args args(info, "sumRows");
  auto g = args.float32Array(0, "g");
  auto out = args.float32Array(1, "out");
  const int rows = args.dimension(2, "rows");
  const int cols = args.dimension(3, "cols");
  args.requireLength(g, static_cast<double>(rows) * cols, "rows×cols");
  args.requireLength(out, cols, "cols");
  args.requireDisjoint(out, g);
  sumRows(g.data, static_cast<size_t>(rows), static_cast<size_t>(cols), out.data);
  return info.Env().Undefined();
}

// sumAll(g) → number
Napi::Value SumAll(const Napi::CallbackInfo& info) {
  Args args(info, "sumAll");
  auto g = args.float32Array(0, "g");
  return Napi::Number::New(info.Env(), sumAll(g.data, g.length));
}

// scale(a, s, out)
Napi::Value Scale(const Napi::CallbackInfo& info) {
  Args args(info, "scale");
  auto a = args.float32Array(0, "a");
  const double s = args.finiteNumber(1, "s");
  auto out = args.float32Array(2, "out");
  args.requireLength(out, static_cast<double>(a.length), "the length of a");
  scale(a.data, a.length, static_cast<float>(s), out.data);
  return info.Env().Undefined();
}

// unary(x, out)
template <void (*Kernel)(const float*, size_t, float*)>
Napi::Value Unary(const Napi::CallbackInfo& info, const char* exportName) {
  Args args(info, exportName);
  auto x = args.float32Array(0, "x");
  auto out = args.float32Array(1, "out");
  args.requireLength(out, static_cast<double>(x.length), "the length of x");
  Kernel(x.data, x.length, out.data);
  return info.Env().Undefined();
}

Napi::Value Exp(const Napi::CallbackInfo& info) { return Unary<expElementwise>(info, "exp"); }
Napi::Value Reciprocal(const Napi::CallbackInfo& info) { return Unary<reciprocal>(info, "reciprocal"); }
Napi::Value Relu(const Napi::CallbackInfo& info) { return Unary<relu>(info, "relu"); }
Napi::Value Sigmoid(const Napi::CallbackInfo& info) { return Unary<sigmoid>(info, "sigmoid"); }

// backward(dout, forwardValue, out)
template <void (*Kernel)(const float*, const float*, size_t, float*)>
Napi::Value Backward(const Napi::CallbackInfo& info, const char* exportName, const char* forwardName) {
  Args args(info, exportName);
  auto dout = args.float32Array(0, "dout");
  auto forward = args.float32Array(1, forwardName);
  auto out = args.float32Array(2, "out");
  args.requireLength(forward, static_cast<double>(dout.length), "the length of dout");
  args.requireLength(out, static_cast<double>(dout.length), "the length of dout");
  Kernel(dout.data, forward.data, dout.length, out.data);
  return info.Env().Undefined();
}

Napi::Value ReluBackward(const Napi::CallbackInfo& info) { return Backward<reluBackward>(info, "reluBackward", "x"); }
Napi::Value SigmoidBackward(const Napi::CallbackInfo& info) {
  return Backward<sigmoidBackward>(info, "sigmoidBackward", "y");
}

}  // namespace

void registerElementwiseBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("add", exportFunction<Add>(env, "add"));
  exports.Set("mul", exportFunction<Mul>(env, "mul"));
  exports.Set("sumRows", exportFunction<SumRows>(env, "sumRows"));
  exports.Set("sumAll", exportFunction<SumAll>(env, "sumAll"));
  exports.Set("scale", exportFunction<Scale>(env, "scale"));
  exports.Set("exp", exportFunction<Exp>(env, "exp"));
  exports.Set("reciprocal", exportFunction<Reciprocal>(env, "reciprocal"));
  exports.Set("relu", exportFunction<Relu>(env, "relu"));
  exports.Set("reluBackward", exportFunction<ReluBackward>(env, "reluBackward"));
  exports.Set("sigmoid", exportFunction<Sigmoid>(env, "sigmoid"));
  exports.Set("sigmoidBackward", exportFunction<SigmoidBackward>(env, "sigmoidBackward"));
}

}  // namespace bp
