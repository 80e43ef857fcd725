// The bpstudio_native module: float32 kernels for training (see main/backend/native-backend.ts).
#include <napi.h>

#include "bindings.h"
#include "kernels/thread_pool.h"

namespace {

// The exports' interface version: main/backend/native-loader.ts refuses an addon of another one (a
// build/ left from older sources). Raise it with any change to an export's arguments.
Napi::Value Version(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), "0.3.0"); }

void ReleaseThreadPool(void*) { bp::releaseThreadPool(); }

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  bp::holdThreadPool();
  NAPI_THROW_IF_FAILED(env, napi_add_env_cleanup_hook(env, ReleaseThreadPool, nullptr), exports);
  exports.Set("version", Napi::Function::New(env, Version, "version"));
  bp::registerGemmBindings(env, exports);
  bp::registerElementwiseBindings(env, exports);
  bp::registerLossBindings(env, exports);
  bp::registerOptimizerBindings(env, exports);
  bp::registerMnistBindings(env, exports);
  bp::registerMemoryBindings(env, exports);
  bp::registerImageSetBindings(env, exports);
  bp::registerMlpBindings(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(bpstudio_native, Init)
