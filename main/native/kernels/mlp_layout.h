// How the MLP trainer lays out its scratch: the first layer's rows padded to whole 64-byte lines
// and aligned (the vector kernels load them aligned).
#pragma once

#include <cstdint>
#include <vector>

namespace bp {

// n rounded up to whole 64-byte lines of floats.
inline int paddedWidth(int n) { return (n + 15) / 16 * 16; }

// The first 64-byte aligned element of a buffer allocated 64 bytes longer than it needs.
template <typename T>
T* aligned(std::vector<T>& buffer) {
  const uintptr_t p = reinterpret_cast<uintptr_t>(buffer.data());
  return reinterpret_cast<T*>((p + 63) & ~static_cast<uintptr_t>(63));
}

// The first of the largest values of a row.
inline int argmax(const float* row, int cols) {
  int best = 0;
  for (int c = 1; c < cols; ++c)
    if (row[c] > row[best]) best = c;
  return best;
}

}  // namespace bp
