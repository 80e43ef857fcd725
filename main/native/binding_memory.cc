// tuneAllocator(): keeps freed memory in the process for reuse instead of returning it to the OS.
//
// Every Backend call returns fresh Float32Arrays (313 KB for a batch of 100 MNIST rows, 31 MB for
// an accuracy chunk of 10,000). With glibc's defaults such blocks are mapped anew or trimmed and
// faulted back in on each training step, which cost as much CPU time as the arithmetic. Raising
// the mmap and trim thresholds makes calloc reuse them. The retained free memory is bounded by the
// trim threshold. Only glibc; elsewhere it does nothing and returns false.
#include <napi.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "bindings.h"

namespace bp {

namespace {

Napi::Value TuneAllocator(const Napi::CallbackInfo& info) {
#if defined(__GLIBC__)
  static const bool applied = mallopt(M_MMAP_THRESHOLD, 64 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 128 << 20) == 1;
  return Napi::Boolean::New(info.Env(), applied);
#else
  return Napi::Boolean::New(info.Env(), false);
#endif
}

}  // namespace

void registerMemoryBindings(Napi::Env env, Napi::Object exports) {
  exports.Set("tuneAllocator", exportFunction<TuneAllocator>(env, "tuneAllocator"));
}

}  // namespace bp
