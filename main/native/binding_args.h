// Argument checks shared by the bindings. Each throws a Napi TypeError (wrong kind of value) or
// RangeError (right kind, wrong size or value) whose message names the argument, before any work.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace bp {

template <typename T>
struct ArrayArg {
  T* data;
  size_t length;
  const char* name;
};

[[noreturn]] void throwTypeError(Napi::Env env, const std::string& message);
[[noreturn]] void throwRangeError(Napi::Env env, const std::string& message);

// `exportName` is the function's name, used as the messages' prefix ("matmul: a must be ...").
class Args {
 public:
  Args(const Napi::CallbackInfo& info, const char* exportName);

  ArrayArg<float> float32Array(size_t index, const char* name, bool allowEmpty = false) const;
  ArrayArg<uint8_t> uint8Array(size_t index, const char* name) const;
  ArrayArg<int32_t> int32Array(size_t index, const char* name) const;
  // A positive integer no larger than 2^31 − 1.
  int dimension(size_t index, const char* name) const;
  // A non-negative integer up to 2^31 − 1 (a position: zero allowed).
  int index(size_t index, const char* name) const;
  // A finite number.
  double finiteNumber(size_t index, const char* name) const;
  // A number that is not NaN (±Infinity allowed).
  double number(size_t index, const char* name) const;
  // A string.
  std::string string(size_t index, const char* name) const;
  // The object an External made by this addon holds, recognised by its type tag.
  void* tagged(size_t index, const char* name, const napi_type_tag& tag, const char* what) const;
  // A boolean; undefined counts as false.
  bool flag(size_t index, const char* name) const;

  // Throws a RangeError unless `array` holds exactly `expected` elements, described by `what`.
  template <typename T>
  void requireLength(const ArrayArg<T>& array, double expected, const std::string& what) const {
    if (static_cast<double>(array.length) != expected) lengthMismatch(array.name, array.length, expected, what);
  }
  // Throws a RangeError when the two arrays share memory.
  template <typename T, typename U>
  void requireDisjoint(const ArrayArg<T>& x, const ArrayArg<U>& y) const {
    const auto* xBegin = reinterpret_cast<const char*>(x.data);
    const auto* yBegin = reinterpret_cast<const char*>(y.data);
    const auto* xEnd = xBegin + x.length * sizeof(T);
    const auto* yEnd = yBegin + y.length * sizeof(U);
    if (xBegin < yEnd && yBegin < xEnd) overlapping(x.name, y.name);
  }

  [[noreturn]] void rangeError(const std::string& message) const;
  [[noreturn]] void typeError(const std::string& message) const;
  Napi::Env env() const { return info_.Env(); }

 private:
  [[noreturn]] void lengthMismatch(const char* name, size_t actual, double expected, const std::string& what) const;
  [[noreturn]] void overlapping(const char* first, const char* second) const;
  Napi::Value at(size_t index) const;

  const Napi::CallbackInfo& info_;
  std::string prefix_;
};

}  // namespace bp
