#include "mlp_kernels.h"

namespace bp {

const float* pixelQuotients() {
  static const float* table = [] {
    static float values[256];
    for (int p = 0; p < 256; ++p) values[p] = static_cast<float>(p) / 255.0f;
    return values;
  }();
  return table;
}

const float* pixelProducts() {
  static const float* table = [] {
    static float values[256];
    for (int p = 0; p < 256; ++p) values[p] = static_cast<float>(p) * (1.0f / 255.0f);
    return values;
  }();
  return table;
}

const MlpKernels& mlpKernelsFor(SimdLevel level) {
#if BP_HAVE_X86_KERNELS
  if (level == SimdLevel::Avx512) return avx512MlpKernels();
  if (level == SimdLevel::Avx2) return avx2MlpKernels();
#endif
  (void)level;
  return scalarMlpKernels();
}

}  // namespace bp
