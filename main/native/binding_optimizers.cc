// In-place optimizer updates: SGD, Momentum, AdaGrad, Adam.
#include <napi.h>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/optimizers.h"

namespace bp {

namespace {

ArrayArg<float> sameLength(const Args& args, size_t index, const char* name, const ArrayArg<float>& param) {
  auto array = args.float32Array(index, name);
  args.requireLength(array, static_cast<double>(param.length), "the length of param");
  return array;
}

double rate(const Args& args, size_t index, const char* name) { return args.finiteNumber(index, name); }

double decay(const Args& args, size_t index, const char* name) {
  const double value = args.finiteNumber(index, name);
  if (!(value >= 0 && value < 1)) args.rangeError(std::string(name) + " must be in [0, 1), got " + std::to_string(value));
  return value;
}

// sgdUpdate(param, grad, lr)
Napi::Value Sgd(const Napi::CallbackInfo& info) {
  Args args(info, "sgdUpdate");
  auto param = args.float32Array(0, "param");
  auto grad = sameLength(args, 1, "grad", param);
  const double lr = rate(args, 2, "lr");
  sgdUpdate(param.data, grad.data, param.length, static_cast<float>(lr));
  return info.Env().Undefined();
}

// momentumUpdate(param, grad, velocity, lr, momentum)
Napi::Value Momentum(const Napi::CallbackInfo& info) {
  Args args(info, "momentumUpdate");
  auto param = args.float32Array(0, "param");
  auto grad = sameLength(args, 1, "grad", param);
  auto velocity = sameLength(args, 2, "velocity", param);
  const double lr = rate(args, 3, "lr");
  const double momentum = decay(args, 4, "momentum");
  momentumUpdate(param.data, grad.data, velocity.data, param.length, static_cast<float>(lr),
                 static_cast<float>(momentum));
  return info.Env().Undefined();
}

// adagradUpdate(param, grad, h, lr)
Napi::Value Adagrad(const Napi::CallbackInfo& info) {
  Args args(info, "adagradUpdate");
  auto param = args.float32Array(0, "param");
  auto grad = sameLength(args, 1, "grad", param);
  auto h = sameLength(args, 2, "h", param);
  const double lr = rate(args, 3, "lr");
  adagradUpdate(param.data, grad.data, h.data, param.length, static_cast<float>(lr));
  return info.Env().Undefined();
}

// adamUpdate(param, grad, m, v, lr, beta1, beta2, step)
Napi::Value Adam(const Napi::CallbackInfo& info) {
  Args args(info, "adamUpdate");
  auto param = args.float32Array(0, "param");
  auto grad = sameLength(args, 1, "grad", param);
  auto m = sameLength(args, 2, "m", param);
  auto v = sameLength(args, 3, "v", param);
  const double lr = rate(args, 4, "lr");
  const double beta1 = decay(args, 5, "beta1");
  const double beta2 = decay(args, 6, "beta2");
  const int step = args.dimension(7, "step");
  adamUpdate(param.data, grad.data, m.data, v.data, param.length, lr, beta1, beta2, step);
  return info.Env().Undefined();
}

}  // namespace

void registerOptimizerBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("sgdUpdate", exportFunction<Sgd>(env, "sgdUpdate"));
  exports.Set("momentumUpdate", exportFunction<Momentum>(env, "momentumUpdate"));
  exports.Set("adagradUpdate", exportFunction<Adagrad>(env, "adagradUpdate"));
  exports.Set("adamUpdate", exportFunction<Adam>(env, "adamUpdate"));
}

}  // namespace bp
