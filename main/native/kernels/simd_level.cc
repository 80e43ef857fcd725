#include "simd_level.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace bp {

SimdLevel supportedSimdLevel() {
#if defined(BP_HAVE_X86_KERNELS)
  // libgcc's and compiler-rt's checks include the OS's XSAVE support for the wide registers.
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return SimdLevel::Avx512;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return SimdLevel::Avx2;
#endif
  return SimdLevel::Scalar;
}

bool supportsAvx512Vnni() {
#if defined(BP_HAVE_X86_KERNELS)
  __builtin_cpu_init();
  return supportedSimdLevel() == SimdLevel::Avx512 && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
  return false;
#endif
}

static SimdLevel lowerTo(SimdLevel wanted) {
  SimdLevel supported = supportedSimdLevel();
  return static_cast<int>(wanted) < static_cast<int>(supported) ? wanted : supported;
}

static SimdLevel initialSimdLevel() {
  const char* fromEnv = std::getenv("BPSTUDIO_SIMD");
  SimdLevel wanted;
  if (fromEnv != nullptr && parseSimdLevel(fromEnv, &wanted)) return lowerTo(wanted);
  return supportedSimdLevel();
}

static std::atomic<int>& activeLevelCell() {
  static std::atomic<int> cell{static_cast<int>(initialSimdLevel())};
  return cell;
}

SimdLevel activeSimdLevel() { return static_cast<SimdLevel>(activeLevelCell().load(std::memory_order_relaxed)); }

SimdLevel setActiveSimdLevel(SimdLevel wanted) {
  SimdLevel level = lowerTo(wanted);
  activeLevelCell().store(static_cast<int>(level), std::memory_order_relaxed);
  return level;
}

const char* simdLevelName(SimdLevel level) {
  switch (level) {
    case SimdLevel::Avx512: return "avx512";
    case SimdLevel::Avx2: return "avx2";
    default: return "scalar";
  }
}

bool parseSimdLevel(const char* text, SimdLevel* out) {
  if (std::strcmp(text, "scalar") == 0) *out = SimdLevel::Scalar;
  else if (std::strcmp(text, "avx2") == 0) *out = SimdLevel::Avx2;
  else if (std::strcmp(text, "avx512") == 0) *out = SimdLevel::Avx512;
  else return false;
  return true;
}

}  // namespace bp
