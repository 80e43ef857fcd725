// matmul and the reports of how it runs (SIMD level, threads, path).
#include <napi.h>

#include "binding_args.h"
#include "bindings.h"
#include "kernels/gemm.h"
#include "kernels/simd_level.h"
#include "kernels/thread_pool.h"

namespace bp {

namespace {

// matmul(a, b, out, m, n, k, transA?, transB?): out (m×n) = op(a) · op(b).
GemmProblem checkedGemm(const Napi::CallbackInfo& info, const char* exportName) {
  Args args(info, exportName);
  auto a = args.float32Array(0, "a");
  auto b = args.float32Array(1, "b");
  auto out = args.float32Array(2, "out");
  const int m = args.dimension(3, "m");
  const int n = args.dimension(4, "n");
  const int k = args.dimension(5, "k");
  const bool transA = args.flag(6, "transA");
  const bool transB = args.flag(7, "transB");
  args.requireLength(a, static_cast<double>(m) * k, transA ? "k×m, transposed" : "m×k");
  args.requireLength(b, static_cast<double>(k) * n, transB ? "n×k, transposed" : "k×n");
  args.requireLength(out, static_cast<double>(m) * n, "m×n");
  args.requireDisjoint(out, a);
  args.requireDisjoint(out, b);
  return GemmProblem{a.data, b.data, out.data, m, n, k, transA, transB};
}

Napi::Value Matmul(const Napi::CallbackInfo& info) {
  gemm(checkedGemm(info, "matmul"));
  return info.Env().Undefined();
}

Napi::Value MatmulPath(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), gemmPath(checkedGemm(info, "matmulPath")));
}

Napi::Value SimdLevelName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), simdLevelName(activeSimdLevel()));
}

Napi::Value SupportedSimdLevelName(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), simdLevelName(supportedSimdLevel()));
}

// setSimdLevel(name): lowers (or restores) the level in use; returns the level actually set.
Napi::Value SetSimdLevel(const Napi::CallbackInfo& info) {
  Args args(info, "setSimdLevel");
  if (info.Length() < 1 || !info[0].IsString()) args.typeError("level must be a string: scalar, avx2 or avx512");
  const std::string name = info[0].As<Napi::String>().Utf8Value();
  SimdLevel wanted;
  if (!parseSimdLevel(name.c_str(), &wanted)) {
    args.rangeError("level must be scalar, avx2 or avx512, got \"" + name + "\"");
  }
  return Napi::String::New(info.Env(), simdLevelName(setActiveSimdLevel(wanted)));
}

Napi::Value ThreadCount(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), poolThreadCount()); }

}  // namespace

void registerGemmBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("matmul", exportFunction<Matmul>(env, "matmul"));
  exports.Set("matmulPath", exportFunction<MatmulPath>(env, "matmulPath"));
  exports.Set("simdLevel", exportFunction<SimdLevelName>(env, "simdLevel"));
  exports.Set("supportedSimdLevel", exportFunction<SupportedSimdLevelName>(env, "supportedSimdLevel"));
  exports.Set("setSimdLevel", exportFunction<SetSimdLevel>(env, "setSimdLevel"));
  exports.Set("threadCount", exportFunction<ThreadCount>(env, "threadCount"));
}

}  // namespace bp
