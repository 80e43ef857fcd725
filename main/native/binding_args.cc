#include "binding_args.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace bp {

void throwTypeError(Napi::Env env, const std::string& message) { throw Napi::TypeError::New(env, message); }

void throwRangeError(Napi::Env env, const std::string& message) { throw Napi::RangeError::New(env, message); }

namespace {

std::string describe(const Napi::Value& value) {
  if (value.IsUndefined()) return "undefined";
  if (value.IsNull()) return "null";
  if (value.IsBoolean()) return "a boolean";
  if (value.IsNumber()) return "a number";
  if (value.IsString()) return "a string";
  if (value.IsTypedArray()) {
    switch (value.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_float32_array: return "a Float32Array";
      case napi_float64_array: return "a Float64Array";
      case napi_uint8_array: return "a Uint8Array";
      case napi_int32_array: return "an Int32Array";
      default: return "another kind of typed array";
    }
  }
  if (value.IsArray()) return "an Array";
  if (value.IsFunction()) return "a function";
  return "an object";
}

std::string formatNumber(double value) {
  std::ostringstream out;
  if (std::isfinite(value) && std::floor(value) == value && std::fabs(value) < 9.007199254740992e15) {
    out << static_cast<long long>(value);
  } else {
    out << std::setprecision(17) << value;
  }
  return out.str();
}

template <typename T>
ArrayArg<T> typedArray(const Napi::Value& value, napi_typedarray_type type, const char* typeName, const char* name,
                       const std::string& prefix, Napi::Env env) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != type) {
    throwTypeError(env, prefix + name + " must be " + typeName + ", got " + describe(value));
  }
  auto array = value.As<Napi::TypedArrayOf<T>>();
  T* data = array.Data();
  size_t length = array.ElementLength();
  if (data == nullptr) length = 0;  // a detached buffer
  return ArrayArg<T>{data, length, name};
}

}  // namespace

Args::Args(const Napi::CallbackInfo& info, const char* exportName)
    : info_(info), prefix_(std::string(exportName) + ": ") {}

Napi::Value Args::at(size_t index) const {
  return index < info_.Length() ? info_[index] : info_.Env().Undefined();
}

ArrayArg<float> Args::float32Array(size_t index, const char* name, bool allowEmpty) const {
  auto array = typedArray<float>(at(index), napi_float32_array, "a Float32Array", name, prefix_, env());
  if (array.length == 0 && !allowEmpty) rangeError(std::string(name) + " must not be empty");
  return array;
}

ArrayArg<uint8_t> Args::uint8Array(size_t index, const char* name) const {
  auto array = typedArray<uint8_t>(at(index), napi_uint8_array, "a Uint8Array", name, prefix_, env());
  if (array.length == 0) rangeError(std::string(name) + " must not be empty");
  return array;
}

ArrayArg<int32_t> Args::int32Array(size_t index, const char* name) const {
  auto array = typedArray<int32_t>(at(index), napi_int32_array, "an Int32Array", name, prefix_, env());
  if (array.length == 0) rangeError(std::string(name) + " must not be empty");
  return array;
}

int Args::dimension(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (!value.IsNumber()) typeError(std::string(name) + " must be a number, got " + describe(value));
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!(number >= 1 && number <= 2147483647.0 && std::floor(number) == number)) {
    rangeError(std::string(name) + " must be a positive integer, got " + formatNumber(number));
  }
  return static_cast<int>(number);
}

int Args::index(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (!value.IsNumber()) typeError(std::string(name) + " must be a number, got " + describe(value));
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!(number >= 0 && number <= 2147483647.0 && std::floor(number) == number)) {
    rangeError(std::string(name) + " must be a non-negative integer, got " + formatNumber(number));
  }
  return static_cast<int>(number);
}

double Args::finiteNumber(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (!value.IsNumber()) typeError(std::string(name) + " must be a number, got " + describe(value));
  const double number = value.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(number)) rangeError(std::string(name) + " must be a finite number, got " + formatNumber(number));
  return number;
}

double Args::number(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (!value.IsNumber()) typeError(std::string(name) + " must be a number, got " + describe(value));
  const double number = value.As<Napi::Number>().DoubleValue();
  if (std::isnan(number)) rangeError(std::string(name) + " must be a number, got NaN");
  return number;
}

std::string Args::string(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (!value.IsString()) typeError(std::string(name) + " must be a string, got " + describe(value));
  return value.As<Napi::String>().Utf8Value();
}

void* Args::tagged(size_t index, const char* name, const napi_type_tag& tag, const char* what) const {
  Napi::Value value = at(index);
  if (!value.IsExternal() || !value.As<Napi::External<void>>().CheckTypeTag(&tag)) {
    typeError(std::string(name) + " must be " + what + ", got " + describe(value));
  }
  return value.As<Napi::External<void>>().Data();
}

bool Args::flag(size_t index, const char* name) const {
  Napi::Value value = at(index);
  if (value.IsUndefined()) return false;
  if (!value.IsBoolean()) typeError(std::string(name) + " must be a boolean, got " + describe(value));
  return value.As<Napi::Boolean>().Value();
}

void Args::rangeError(const std::string& message) const { throwRangeError(env(), prefix_ + message); }

void Args::typeError(const std::string& message) const { throwTypeError(env(), prefix_ + message); }

void Args::lengthMismatch(const char* name, size_t actual, double expected, const std::string& what) const {
  rangeError(std::string(name) + " must hold " + formatNumber(expected) + " values (" + what + "), got " +
             std::to_string(actual));
}

void Args::overlapping(const char* first, const char* second) const {
  rangeError(std::string(first) + " and " + std::string(second) + " must not share memory");
}

}  // namespace bp
