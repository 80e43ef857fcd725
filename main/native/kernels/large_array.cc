#include "large_array.h"

#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace bp {

namespace {

constexpr size_t kHugePage = 2u << 20;

}  // namespace

void* allocateLarge(size_t bytes) {
  if (bytes == 0) return nullptr;
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* memory = nullptr;
#if defined(_WIN32)
  memory = _aligned_malloc(rounded, kHugePage);
#else
  if (posix_memalign(&memory, kHugePage, rounded) != 0) memory = nullptr;
#endif
  if (!memory) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  madvise(memory, rounded, MADV_HUGEPAGE);  // advice only: without THP the pages stay small
#endif
  return memory;
}

void freeLarge(void* memory) {
#if defined(_WIN32)
  _aligned_free(memory);
#else
  std::free(memory);
#endif
}

}  // namespace bp
