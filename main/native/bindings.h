// Each binding file adds its exports to the module object.
#pragma once

#include <napi.h>

namespace bp {

void registerGemmBindings(Napi::Env env, Napi::Object exports);
void registerElementwiseBindings(Napi::Env env, Napi::Object exports);
void registerLossBindings(Napi::Env env, Napi::Object exports);
void registerOptimizerBindings(Napi::Env env, Napi::Object exports);
void registerMnistBindings(Napi::Env env, Napi::Object exports);
void registerMemoryBindings(Napi::Env env, Napi::Object exports);

}  // namespace bp
