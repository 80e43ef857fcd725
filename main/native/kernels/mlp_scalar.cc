// Portable MLP kernels: plain loops the compiler vectorises for the baseline of any target.
#include "mlp_kernels.h"

namespace bp {

namespace {

void csrTimesDenseScalar(const Csr& a, int rows, const float* w, int n, float* out) {
  csrTimesDenseLoops(a, rows, w, n, out);
}

void imageRowsScalar(const ImageRows& a, int, int endPixel, const float* w, int n, int stride, float* out) {
  imageRowsLoops(a, endPixel, w, n, stride, out);
}

void imageGradientScalar(const ImageRows& a, int firstPixel, int endPixel, const float* d, int n, int stride,
                         const GradientOut& out) {
  imageGradientLoops(a, firstPixel, endPixel, d, n, stride, out);
}

void smallGradientScalar(const float* a, int rows, int stride, int m, const float* d, int n, float* g) {
  smallGradientLoops(a, rows, stride, m, d, n, g);
}

}  // namespace

const MlpKernels& scalarMlpKernels() {
  static const MlpKernels kernels{csrTimesDenseScalar, smallGradientScalar, imageRowsScalar, imageGradientScalar,
                                  nullptr, nullptr, 16, 0, nullptr, nullptr, pixelQuotients()};
  return kernels;
}

}  // namespace bp
