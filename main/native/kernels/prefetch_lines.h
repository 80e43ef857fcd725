// Asking for every cache line of a range before it is read.
#pragma once

#include <cstdint>

namespace bp {

// Into the first-level cache (data about to be read), or the second only (the next step's data:
// asking the first level for it held its few miss buffers while the lines came from memory, ≈ 0.5–1
// µs more a step on a Zen 4 core).
enum class Toward { FirstLevel, SecondLevel };

// Every line that bytes [begin, end) touch, from the line of the first.
inline void prefetchLines(const void* begin, const void* end, Toward toward) {
#if defined(__GNUC__) || defined(__clang__)
  constexpr uintptr_t kLine = 64;
  const uintptr_t last = reinterpret_cast<uintptr_t>(end);
  uintptr_t p = reinterpret_cast<uintptr_t>(begin) & ~(kLine - 1);
  // The hint must be a constant.
  if (toward == Toward::FirstLevel)
    for (; p < last; p += kLine) __builtin_prefetch(reinterpret_cast<const void*>(p), 0, 3);
  else
    for (; p < last; p += kLine) __builtin_prefetch(reinterpret_cast<const void*>(p), 0, 2);
#else
  (void)begin;
  (void)end;
  (void)toward;
#endif
}

}  // namespace bp
