// Memory for a large array read at random (an image set's entries): 2 MB aligned and, on Linux,
// marked for transparent huge pages before its first use, so random reads miss the TLB far less
// (the machines' THP mode is often "madvise", where only marked memory gets huge pages).
#pragma once

#include <cstddef>
#include <memory>

namespace bp {

// Uninitialised memory for `bytes` bytes (nullptr for 0); throws std::bad_alloc when there is none.
void* allocateLarge(size_t bytes);
void freeLarge(void* memory);

template <typename T>
class LargeArray {
 public:
  LargeArray() = default;
  explicit LargeArray(size_t size) : size_(size), data_(static_cast<T*>(allocateLarge(size * sizeof(T)))) {}
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(T* memory) const { freeLarge(memory); }
  };
  size_t size_ = 0;
  std::unique_ptr<T, Free> data_;
};

}  // namespace bp
