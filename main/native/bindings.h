// Each binding file adds its exports to the module object.
#pragma once

#include <napi.h>

#include <exception>
#include <new>

namespace bp {

// Wraps a binding so that a C++ exception other than a Napi error (bad_alloc when a huge product
// needs scratch memory) reaches JavaScript as an Error instead of ending the process.
template <Napi::Value (*Binding)(const Napi::CallbackInfo&)>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  try {
    return Binding(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw Napi::RangeError::New(info.Env(), "not enough memory for this operation's scratch buffers");
  } catch (const std::exception& error) {
    throw Napi::Error::New(info.Env(), error.what());
  }
}

template <Napi::Value (*Binding)(const Napi::CallbackInfo&)>
Napi::Function exportFunction(Napi::Env env, const char* name) {
  return Napi::Function::New(env, guarded<Binding>, name);
}

void registerGemmBindings(Napi::Env env, Napi::Object exports);
void registerElementwiseBindings(Napi::Env env, Napi::Object exports);
void registerLossBindings(Napi::Env env, Napi::Object exports);
void registerOptimizerBindings(Napi::Env env, Napi::Object exports);
void registerMnistBindings(Napi::Env env, Napi::Object exports);
void registerMemoryBindings(Napi::Env env, Napi::Object exports);
void registerImageSetBindings(Napi::Env env, Napi::Object exports);
void registerMlpBindings(Napi::Env env, Napi::Object exports);

}  // namespace bp
