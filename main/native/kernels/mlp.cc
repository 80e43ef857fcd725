#include "mlp.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "simd_level.h"
#include "thread_pool.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>
#endif

namespace bp {

namespace {

constexpr double kMomentum = 0.9;
constexpr double kBeta1 = 0.9;
constexpr double kBeta2 = 0.999;
// Rows per forward pass in an accuracy pass: the scratch of a chunk stays in cache.
constexpr int kEvaluationChunk = 64;
// A step splits its first layer over the pool from this many rows, into at most kMaxTasks parts.
constexpr int kParallelRows = 32;
constexpr int kMaxTasks = 8;

// Compressed rows: row r's nonzero entries are index/value[rowStart[r] .. rowEnd[r]), ascending.
struct Csr {
  const int32_t* rowStart;
  const int32_t* rowEnd;
  const int32_t* index;
  const float* value;
};

// out[r, :] += Σ value · w[index, :] over row r's entries (w is rows × n).
using CsrTimesDense = void (*)(const Csr& a, int rows, const float* w, int n, float* out);
// g[index, :] += value · d[r, :] over every row r's entries (g and d have n columns).
using CsrTransposedTimesDense = void (*)(const Csr& a, int rows, const float* d, int n, float* g);

void csrTimesDenseScalar(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    float* o = out + static_cast<size_t>(r) * n;
    for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
      const float v = a.value[i];
      const float* wr = w + static_cast<size_t>(a.index[i]) * n;
      for (int j = 0; j < n; ++j) o[j] += v * wr[j];
    }
  }
}

void csrTransposedTimesDenseScalar(const Csr& a, int rows, const float* d, int n, float* g) {
  for (int r = 0; r < rows; ++r) {
    const float* dr = d + static_cast<size_t>(r) * n;
    for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
      const float v = a.value[i];
      float* gr = g + static_cast<size_t>(a.index[i]) * n;
      for (int j = 0; j < n; ++j) gr[j] += v * dr[j];
    }
  }
}

#if BP_HAVE_X86_KERNELS

// The accumulators of a column block stay in registers across a row's entries: B full vectors and
// a masked tail of `rem` lanes (the hidden layer is 50 wide).
alignas(32) const int32_t kTailMask[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

// Named accumulators (an array of them was kept in memory by GCC, a store per FMA).
#define BP_EACH_BLOCK(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)

template <int B>
BP_TARGET_AVX2 void rowBlockAvx2(const Csr& a, int r, const float* w, int n, int j0, int rem, float* o) {
  const __m256i mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMask + 8 - rem));
#define BP_ZERO(b) __m256 acc##b = B > b ? _mm256_loadu_ps(o + j0 + 8 * b) : _mm256_setzero_ps();
  BP_EACH_BLOCK(BP_ZERO)
  __m256 tail = _mm256_maskload_ps(o + j0 + 8 * B, mask);
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m256 v = _mm256_set1_ps(a.value[i]);
    const float* wr = w + static_cast<size_t>(a.index[i]) * n + j0;
#define BP_FMA(b) \
  if constexpr (B > b) acc##b = _mm256_fmadd_ps(v, _mm256_loadu_ps(wr + 8 * b), acc##b);
    BP_EACH_BLOCK(BP_FMA)
    // Unconditional: an empty mask loads zeros.
    tail = _mm256_fmadd_ps(v, _mm256_maskload_ps(wr + 8 * B, mask), tail);
  }
#define BP_STORE(b) \
  if constexpr (B > b) _mm256_storeu_ps(o + j0 + 8 * b, acc##b);
  BP_EACH_BLOCK(BP_STORE)
  _mm256_maskstore_ps(o + j0 + 8 * B, mask, tail);
#undef BP_ZERO
#undef BP_FMA
#undef BP_STORE
}

template <int B>
BP_TARGET_AVX2 void rowUpdateAvx2(const Csr& a, int r, const float* d, int n, int j0, int rem, float* g) {
  __m256 dv[B + 1];
  const __m256i mask = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMask + 8 - rem));
  const float* dr = d + static_cast<size_t>(r) * n + j0;
  for (int b = 0; b < B; ++b) dv[b] = _mm256_loadu_ps(dr + 8 * b);
  dv[B] = rem ? _mm256_maskload_ps(dr + 8 * B, mask) : _mm256_setzero_ps();
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m256 v = _mm256_set1_ps(a.value[i]);
    float* gr = g + static_cast<size_t>(a.index[i]) * n + j0;
    for (int b = 0; b < B; ++b) _mm256_storeu_ps(gr + 8 * b, _mm256_fmadd_ps(v, dv[b], _mm256_loadu_ps(gr + 8 * b)));
    if (rem) _mm256_maskstore_ps(gr + 8 * B, mask, _mm256_fmadd_ps(v, dv[B], _mm256_maskload_ps(gr + 8 * B, mask)));
  }
}

using RowKernel = void (*)(const Csr&, int, const float*, int, int, int, float*);
const RowKernel kBlockAvx2[9] = {rowBlockAvx2<0>, rowBlockAvx2<1>, rowBlockAvx2<2>, rowBlockAvx2<3>, rowBlockAvx2<4>,
                                 rowBlockAvx2<5>, rowBlockAvx2<6>, rowBlockAvx2<7>, rowBlockAvx2<8>};
const RowKernel kUpdateAvx2[9] = {rowUpdateAvx2<0>, rowUpdateAvx2<1>, rowUpdateAvx2<2>, rowUpdateAvx2<3>, rowUpdateAvx2<4>,
                                  rowUpdateAvx2<5>, rowUpdateAvx2<6>, rowUpdateAvx2<7>, rowUpdateAvx2<8>};

template <int B>
BP_TARGET_AVX512 void rowBlockAvx512(const Csr& a, int r, const float* w, int n, int j0, int rem, float* o) {
  const __mmask16 mask = static_cast<__mmask16>((1u << rem) - 1u);
#define BP_ZERO(b) __m512 acc##b = B > b ? _mm512_loadu_ps(o + j0 + 16 * b) : _mm512_setzero_ps();
  BP_EACH_BLOCK(BP_ZERO)
  __m512 tail = _mm512_maskz_loadu_ps(mask, o + j0 + 16 * B);
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m512 v = _mm512_set1_ps(a.value[i]);
    const float* wr = w + static_cast<size_t>(a.index[i]) * n + j0;
#define BP_FMA(b) \
  if constexpr (B > b) acc##b = _mm512_fmadd_ps(v, _mm512_loadu_ps(wr + 16 * b), acc##b);
    BP_EACH_BLOCK(BP_FMA)
    tail = _mm512_fmadd_ps(v, _mm512_maskz_loadu_ps(mask, wr + 16 * B), tail);
  }
#define BP_STORE(b) \
  if constexpr (B > b) _mm512_storeu_ps(o + j0 + 16 * b, acc##b);
  BP_EACH_BLOCK(BP_STORE)
  _mm512_mask_storeu_ps(o + j0 + 16 * B, mask, tail);
#undef BP_ZERO
#undef BP_FMA
#undef BP_STORE
}

template <int B>
BP_TARGET_AVX512 void rowUpdateAvx512(const Csr& a, int r, const float* d, int n, int j0, int rem, float* g) {
  __m512 dv[B + 1];
  const __mmask16 mask = static_cast<__mmask16>((1u << rem) - 1u);
  const float* dr = d + static_cast<size_t>(r) * n + j0;
  for (int b = 0; b < B; ++b) dv[b] = _mm512_loadu_ps(dr + 16 * b);
  dv[B] = _mm512_maskz_loadu_ps(mask, dr + 16 * B);
  for (int i = a.rowStart[r]; i < a.rowEnd[r]; ++i) {
    const __m512 v = _mm512_set1_ps(a.value[i]);
    float* gr = g + static_cast<size_t>(a.index[i]) * n + j0;
    for (int b = 0; b < B; ++b) _mm512_storeu_ps(gr + 16 * b, _mm512_fmadd_ps(v, dv[b], _mm512_loadu_ps(gr + 16 * b)));
    if (rem) _mm512_mask_storeu_ps(gr + 16 * B, mask, _mm512_fmadd_ps(v, dv[B], _mm512_maskz_loadu_ps(mask, gr + 16 * B)));
  }
}

const RowKernel kBlockAvx512[9] = {rowBlockAvx512<0>, rowBlockAvx512<1>, rowBlockAvx512<2>, rowBlockAvx512<3>,
                                   rowBlockAvx512<4>, rowBlockAvx512<5>, rowBlockAvx512<6>, rowBlockAvx512<7>,
                                   rowBlockAvx512<8>};
const RowKernel kUpdateAvx512[9] = {rowUpdateAvx512<0>, rowUpdateAvx512<1>, rowUpdateAvx512<2>, rowUpdateAvx512<3>,
                                    rowUpdateAvx512<4>, rowUpdateAvx512<5>, rowUpdateAvx512<6>, rowUpdateAvx512<7>,
                                    rowUpdateAvx512<8>};

// Splits each row's columns into blocks of up to 8 vectors and runs the register-blocked kernel.
template <int Lanes>
void byBlocks(const RowKernel* kernels, const Csr& a, int rows, const float* m, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 8 * Lanes) {
      const int width = std::min(8 * Lanes, n - j0);
      kernels[width / Lanes](a, r, m, n, j0, width % Lanes, out);
    }
  }
}

void csrTimesDenseAvx2(const Csr& a, int rows, const float* w, int n, float* out) {
  // Each block's kernel writes its columns of row r from the accumulators.
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 64) {
      const int width = std::min(64, n - j0);
      kBlockAvx2[width / 8](a, r, w, n, j0, width % 8, out + static_cast<size_t>(r) * n);
    }
  }
}
void csrTransposedTimesDenseAvx2(const Csr& a, int rows, const float* d, int n, float* g) {
  byBlocks<8>(kUpdateAvx2, a, rows, d, n, g);
}
void csrTimesDenseAvx512(const Csr& a, int rows, const float* w, int n, float* out) {
  for (int r = 0; r < rows; ++r) {
    for (int j0 = 0; j0 < n; j0 += 128) {
      const int width = std::min(128, n - j0);
      kBlockAvx512[width / 16](a, r, w, n, j0, width % 16, out + static_cast<size_t>(r) * n);
    }
  }
}
void csrTransposedTimesDenseAvx512(const Csr& a, int rows, const float* d, int n, float* g) {
  byBlocks<16>(kUpdateAvx512, a, rows, d, n, g);
}

#endif

struct Kernels {
  CsrTimesDense timesDense;
  CsrTransposedTimesDense transposedTimesDense;
};

Kernels kernelsFor(SimdLevel level) {
#if BP_HAVE_X86_KERNELS
  if (level == SimdLevel::Avx512) return {csrTimesDenseAvx512, csrTransposedTimesDenseAvx512};
  if (level == SimdLevel::Avx2) return {csrTimesDenseAvx2, csrTransposedTimesDenseAvx2};
#endif
  (void)level;
  return {csrTimesDenseScalar, csrTransposedTimesDenseScalar};
}

// Lists the nonzero entries of a dense rows × cols matrix.
Csr compress(const float* x, int rows, int cols, MlpTrainer::Workspace& ws) {
  int32_t nz = 0;
  for (int r = 0; r < rows; ++r) {
    ws.rowStart[r] = nz;
    const float* xr = x + static_cast<size_t>(r) * cols;
    for (int k = 0; k < cols; ++k) {
      ws.index[nz] = k;
      ws.value[nz] = xr[k];
      nz += xr[k] != 0.0f;
    }
  }
  ws.rowStart[rows] = nz;
  return {ws.rowStart.data(), ws.rowStart.data() + 1, ws.index.data(), ws.value.data()};
}

// pixel → pixel / 255 (float32, correctly rounded as the backends' gatherBatch).
const float* pixelValues() {
  static const float* table = [] {
    static float values[256];
    for (int p = 0; p < 256; ++p) values[p] = static_cast<float>(p) / 255.0f;
    return values;
  }();
  return table;
}

// One image's nonzero pixels appended at index/value[nz..]; returns the new count. Branch-free:
// every pixel is written and only the nonzero ones advance nz (MNIST's zeros are too irregular
// for a branch predictor).
int32_t compressImageScalar(const uint8_t* image, int pixels, int32_t nz, int32_t* index, float* value) {
  const float* table = pixelValues();
  for (int k = 0; k < pixels; ++k) {
    const uint8_t p = image[k];
    index[nz] = k;
    value[nz] = table[p];
    nz += p != 0;
  }
  return nz;
}

#if BP_HAVE_X86_KERNELS
BP_TARGET_AVX512 int32_t compressImageAvx512(const uint8_t* image, int pixels, int32_t nz, int32_t* index,
                                             float* value) {
  // p · (1/255) is within an ulp of p / 255: far inside the float32 summation noise of the products.
  const __m512 scale = _mm512_set1_ps(1.0f / 255.0f);
  __m512i k = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  const __m512i sixteen = _mm512_set1_epi32(16);
  int j = 0;
  for (; j + 16 <= pixels; j += 16) {
    const __m512i p = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(image + j)));
    const __mmask16 lit = _mm512_test_epi32_mask(p, p);
    // Full-width stores of the compressed lanes (the memory form of compress is slow): the lanes
    // past nz are overwritten later, and nz + 16 never passes the end of this image's slots.
    _mm512_storeu_si512(index + nz, _mm512_maskz_compress_epi32(lit, k));
    _mm512_storeu_ps(value + nz, _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_maskz_compress_epi32(lit, p)), scale));
    nz += __builtin_popcount(lit);
    k = _mm512_add_epi32(k, sixteen);
  }
  const float* table = pixelValues();
  for (; j < pixels; ++j) {
    index[nz] = j;
    value[nz] = table[image[j]];
    nz += image[j] != 0;
  }
  return nz;
}
#endif

// The uint8 pixels of image rows [r0, r1) of a batch (image rows[r], or firstRow + r), /255,
// zeros left out; row r's entries go to its own slots from r · pixels, so rows compress in parallel.
void compressPixels(const uint8_t* images, int pixels, const int32_t* rows, size_t firstRow, int r0, int r1,
                    MlpTrainer::Workspace& ws) {
  auto compressImage = compressImageScalar;
#if BP_HAVE_X86_KERNELS
  if (activeSimdLevel() == SimdLevel::Avx512) compressImage = compressImageAvx512;
#endif
  for (int r = r0; r < r1; ++r) {
    const int32_t start = r * pixels;
    const size_t row = rows ? static_cast<size_t>(rows[r]) : firstRow + r;
    ws.pixelStart[r] = start;
    ws.pixelEnd[r] = compressImage(images + row * pixels, pixels, start, ws.pixelIndex.data(), ws.pixelValue.data());
  }
}

Csr pixelRows(MlpTrainer::Workspace& ws) {
  return {ws.pixelStart.data(), ws.pixelEnd.data(), ws.pixelIndex.data(), ws.pixelValue.data()};
}

// Pixels per block of W (and dW) rows: 64 rows of 50 floats stay in L1 while every batch row's
// entries in that block are applied (row by row, a product would fetch 4 lines from L2 per pixel).
constexpr int32_t kPixelBlock = 64;

// Runs kernel on the entries of rows [0, rows) whose index is in [k0, k1), one block of
// kPixelBlock indices at a time; from/to are scratch of `rows` entries.
template <typename Kernel>
void byPixelBlocks(const Csr& a, int rows, int32_t k0, int32_t k1, int32_t* from, int32_t* to, Kernel kernel) {
  for (int r = 0; r < rows; ++r) {
    from[r] = static_cast<int32_t>(std::lower_bound(a.index + a.rowStart[r], a.index + a.rowEnd[r], k0) - a.index);
  }
  for (int32_t kb = k0; kb < k1; kb += kPixelBlock) {
    const int32_t end = std::min(k1, kb + kPixelBlock);
    for (int r = 0; r < rows; ++r) {
      int32_t i = from[r];
      while (i < a.rowEnd[r] && a.index[i] < end) ++i;
      to[r] = i;
    }
    kernel(Csr{from, to, a.index, a.value});
    std::copy(to, to + rows, from);
  }
}

// Runs task(t) for t in [0, tasks) on the pool, or inline when there is one task.
void spread(int tasks, const std::function<void(int)>& task) {
  if (tasks <= 1) {
    task(0);
  } else {
    parallelFor(tasks, task);
  }
}

int argmax(const float* row, int cols) {
  int best = 0;
  for (int c = 1; c < cols; ++c)
    if (row[c] > row[best]) best = c;
  return best;
}

}  // namespace

MlpTrainer::Workspace::Workspace(const std::vector<int>& sizes, int rows)
    : rowStart(static_cast<size_t>(rows) + 1),
      pixelStart(static_cast<size_t>(rows)),
      pixelEnd(static_cast<size_t>(rows)),
      pixelIndex(static_cast<size_t>(rows) * sizes[0]),
      pixelValue(static_cast<size_t>(rows) * sizes[0]) {
  const int widest = *std::max_element(sizes.begin() + 1, sizes.end());
  index.resize(static_cast<size_t>(rows) * widest);
  value.resize(static_cast<size_t>(rows) * widest);
  for (size_t l = 1; l < sizes.size(); ++l) {
    z.emplace_back(static_cast<size_t>(rows) * sizes[l]);
    a.emplace_back(static_cast<size_t>(rows) * sizes[l]);
  }
}

MlpTrainer::MlpTrainer(std::vector<int> sizes, std::vector<MlpActivation> activations, MlpOptimizer optimizer,
                       double learningRate, int maxRows, const float* params)
    : sizes_(std::move(sizes)),
      activations_(std::move(activations)),
      optimizer_(optimizer),
      learningRate_(learningRate),
      maxRows_(maxRows),
      total_(0),
      ws_(sizes_, maxRows) {
  for (size_t l = 0; l + 1 < sizes_.size(); ++l) {
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l]) * sizes_[l + 1];
    offsets_.push_back(total_);
    total_ += static_cast<size_t>(sizes_[l + 1]);
  }
  offsets_.push_back(total_);
  sets_[0].assign(params, params + total_);
  sets_[1] = sets_[0];
  grads_.resize(total_);
  if (optimizer_ != MlpOptimizer::Sgd) state0_.assign(total_, 0.0f);
  if (optimizer_ == MlpOptimizer::Adam) state1_.assign(total_, 0.0f);
  for (size_t l = 1; l < sizes_.size(); ++l) dz_.emplace_back(static_cast<size_t>(maxRows) * sizes_[l]);
  da_.resize(static_cast<size_t>(maxRows) * *std::max_element(sizes_.begin() + 1, sizes_.end()));
  size_t largestHidden = 0;
  for (size_t l = 1; l + 1 < sizes_.size(); ++l) largestHidden = std::max(largestHidden, static_cast<size_t>(sizes_[l]) * sizes_[l + 1]);
  transposed_.resize(largestHidden);
  for (int t = 0; t < kMaxTasks; ++t) {
    partStart_[t].resize(static_cast<size_t>(maxRows));
    partEnd_[t].resize(static_cast<size_t>(maxRows));
  }
}

void MlpTrainer::forward(const float* weights, const uint8_t* images, const int32_t* rows, size_t firstRow, int count,
                         Workspace& ws, int tasks) const {
  const Kernels kernels = kernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  for (size_t l = 0; l < layers; ++l) {
    const int n = sizes_[l + 1];
    float* z = ws.z[l].data();
    if (l == 0) {
      // The first layer is most of the work: its rows are split over the tasks.
      spread(tasks, [&](int t) {
        const int r0 = count * t / tasks;
        const int r1 = count * (t + 1) / tasks;
        compressPixels(images, sizes_[0], rows, firstRow, r0, r1, ws);
        const Csr pixels = pixelRows(ws);
        const Csr part{pixels.rowStart + r0, pixels.rowEnd + r0, pixels.index, pixels.value};
        float* zPart = z + static_cast<size_t>(r0) * n;
        std::fill(zPart, zPart + static_cast<size_t>(r1 - r0) * n, 0.0f);
        kernels.timesDense(part, r1 - r0, weights, n, zPart);
      });
    } else {
      std::fill(z, z + static_cast<size_t>(count) * n, 0.0f);
      kernels.timesDense(compress(ws.a[l - 1].data(), count, sizes_[l], ws), count, weights + offsets_[2 * l], n, z);
    }
    const float* b = weights + offsets_[2 * l + 1];
    float* y = ws.a[l].data();
    const size_t size = static_cast<size_t>(count) * n;
    for (int r = 0; r < count; ++r)
      for (int j = 0; j < n; ++j) z[static_cast<size_t>(r) * n + j] += b[j];
    switch (activations_[l]) {
      case MlpActivation::Relu:
        for (size_t i = 0; i < size; ++i) y[i] = z[i] > 0.0f ? z[i] : 0.0f;
        break;
      case MlpActivation::Sigmoid:
        for (size_t i = 0; i < size; ++i) y[i] = 1.0f / (1.0f + std::exp(-z[i]));
        break;
      case MlpActivation::None:
        std::memcpy(y, z, size * sizeof(float));
        break;
    }
  }
}

void MlpTrainer::update(const float* from, float* to) {
  ++updates_;
  const float lr = static_cast<float>(learningRate_);
  const float* g = grads_.data();
  float* s0 = state0_.data();
  float* s1 = state1_.data();
  const size_t n = total_;
  switch (optimizer_) {
    case MlpOptimizer::Sgd:
      for (size_t i = 0; i < n; ++i) to[i] = from[i] - lr * g[i];
      break;
    case MlpOptimizer::Momentum: {
      const float momentum = static_cast<float>(kMomentum);
      for (size_t i = 0; i < n; ++i) {
        s0[i] = momentum * s0[i] - lr * g[i];
        to[i] = from[i] + s0[i];
      }
      break;
    }
    case MlpOptimizer::Adagrad:
      for (size_t i = 0; i < n; ++i) {
        s0[i] += g[i] * g[i];
        to[i] = from[i] - lr * g[i] / (std::sqrt(s0[i]) + 1e-7f);
      }
      break;
    case MlpOptimizer::Adam: {
      const double step = static_cast<double>(updates_);
      const float lrT = static_cast<float>(learningRate_ * std::sqrt(1.0 - std::pow(kBeta2, step)) /
                                           (1.0 - std::pow(kBeta1, step)));
      const float keep1 = static_cast<float>(1.0 - kBeta1);
      const float keep2 = static_cast<float>(1.0 - kBeta2);
      for (size_t i = 0; i < n; ++i) {
        s0[i] += keep1 * (g[i] - s0[i]);
        s1[i] += keep2 * (g[i] * g[i] - s1[i]);
        to[i] = from[i] - lrT * s0[i] / (std::sqrt(s1[i]) + 1e-7f);
      }
      break;
    }
  }
}

double MlpTrainer::step(const uint8_t* images, const uint8_t* labels, const int32_t* indices, int rows,
                        double maxLoss) {
  if (rows < 1 || rows > maxRows_) throw std::invalid_argument("MlpTrainer::step: rows out of range");
  const float* weights = sets_[active_].data();
  // Two tasks cost two thread wake-ups per step; a small batch is not worth them.
  const int tasks = rows >= kParallelRows ? std::min(poolThreadCount(), kMaxTasks) : 1;
  forward(weights, images, indices, 0, rows, ws_, tasks);
  const Kernels kernels = kernelsFor(activeSimdLevel());
  const size_t layers = sizes_.size() - 1;
  const int classes = sizes_.back();

  // Softmax with loss: dz = (y − t) / N.
  const float* scores = ws_.a[layers - 1].data();
  float* dOut = dz_[layers - 1].data();
  double loss = 0.0;
  const float inverseRows = 1.0f / static_cast<float>(rows);
  for (int r = 0; r < rows; ++r) {
    const float* s = scores + static_cast<size_t>(r) * classes;
    float* d = dOut + static_cast<size_t>(r) * classes;
    const float max = s[argmax(s, classes)];
    float sum = 0.0f;
    for (int c = 0; c < classes; ++c) sum += (d[c] = std::exp(s[c] - max));
    const int label = labels[indices[r]];
    for (int c = 0; c < classes; ++c) {
      const float y = d[c] / sum;
      if (c == label) loss -= std::log(static_cast<double>(y) + 1e-7);
      d[c] = (y - (c == label ? 1.0f : 0.0f)) * inverseRows;
    }
  }
  loss /= rows;
  if (!std::isfinite(loss) || loss > maxLoss) return loss;

  std::fill(grads_.begin(), grads_.end(), 0.0f);
  for (size_t l = layers; l-- > 0;) {
    const int n = sizes_[l + 1];
    const int m = sizes_[l];
    float* d = dz_[l].data();
    const size_t size = static_cast<size_t>(rows) * n;
    // dz from da (the layer above's dx), or from the loss for the top layer.
    const float* upstream = l + 1 < layers ? da_.data() : d;
    const float* zl = ws_.z[l].data();
    const float* yl = ws_.a[l].data();
    switch (activations_[l]) {
      case MlpActivation::Relu:
        for (size_t i = 0; i < size; ++i) d[i] = zl[i] > 0.0f ? upstream[i] : 0.0f;
        break;
      case MlpActivation::Sigmoid:
        for (size_t i = 0; i < size; ++i) d[i] = upstream[i] * yl[i] * (1.0f - yl[i]);
        break;
      case MlpActivation::None:
        if (upstream != d) std::memcpy(d, upstream, size * sizeof(float));
        break;
    }
    float* gb = grads_.data() + offsets_[2 * l + 1];
    for (int r = 0; r < rows; ++r)
      for (int j = 0; j < n; ++j) gb[j] += d[static_cast<size_t>(r) * n + j];
    if (l == 0) {
      // dW = xᵀ · dz over the lit pixels, split by pixel ranges (each task owns its rows of dW).
      const Csr pixels = pixelRows(ws_);
      float* gW = grads_.data();
      spread(tasks, [&](int t) {
        const int32_t k0 = m * t / tasks;
        const int32_t k1 = m * (t + 1) / tasks;
        byPixelBlocks(pixels, rows, k0, k1, partStart_[t].data(), partEnd_[t].data(),
                      [&](const Csr& block) { kernels.transposedTimesDense(block, rows, d, n, gW); });
      });
    } else {
      kernels.transposedTimesDense(compress(ws_.a[l - 1].data(), rows, m, ws_), rows, d, n, grads_.data() + offsets_[2 * l]);
    }
    if (l > 0) {
      // da = dz · Wᵀ: the rows of Wᵀ are W's columns.
      const float* w = weights + offsets_[2 * l];
      float* wT = transposed_.data();
      for (int k = 0; k < m; ++k)
        for (int j = 0; j < n; ++j) wT[static_cast<size_t>(j) * m + k] = w[static_cast<size_t>(k) * n + j];
      // The compressed dz goes after Wᵀ in the same scratch.
      int32_t nz = 0;
      float* dzValue = ws_.value.data();
      for (int r = 0; r < rows; ++r) {
        ws_.rowStart[r] = nz;
        for (int j = 0; j < n; ++j) {
          const float v = d[static_cast<size_t>(r) * n + j];
          if (v != 0.0f) {
            ws_.index[nz] = j;
            dzValue[nz++] = v;
          }
        }
      }
      ws_.rowStart[rows] = nz;
      std::fill(da_.begin(), da_.begin() + static_cast<size_t>(rows) * m, 0.0f);
      kernels.timesDense({ws_.rowStart.data(), ws_.rowStart.data() + 1, ws_.index.data(), dzValue}, rows, wT, m, da_.data());
    }
  }
  update(weights, sets_[1 - active_].data());
  active_ = 1 - active_;
  return loss;
}

size_t MlpTrainer::evaluate(const uint8_t* images, const uint8_t* labels, size_t count, int32_t* confusion) const {
  const int classes = sizes_.back();
  const int tasks = std::max(1, std::min(poolThreadCount(), static_cast<int>((count + kEvaluationChunk - 1) / kEvaluationChunk)));
  std::vector<size_t> correct(tasks, 0);
  std::vector<std::vector<int32_t>> counts(tasks, std::vector<int32_t>(confusion ? classes * classes : 0, 0));
  const float* weights = sets_[active_].data();
  parallelFor(tasks, [&](int t) {
    Workspace ws(sizes_, kEvaluationChunk);
    const size_t begin = count * t / tasks;
    const size_t end = count * (t + 1) / tasks;
    for (size_t start = begin; start < end; start += kEvaluationChunk) {
      const int rows = static_cast<int>(std::min<size_t>(kEvaluationChunk, end - start));
      forward(weights, images, nullptr, start, rows, ws, 1);
      const float* scores = ws.a.back().data();
      for (int r = 0; r < rows; ++r) {
        const int predicted = argmax(scores + static_cast<size_t>(r) * classes, classes);
        const int label = labels[start + r];
        if (predicted == label) ++correct[t];
        if (confusion) ++counts[t][label * classes + predicted];
      }
    }
  });
  size_t total = 0;
  for (int t = 0; t < tasks; ++t) {
    total += correct[t];
    if (confusion)
      for (int i = 0; i < classes * classes; ++i) confusion[i] += counts[t][i];
  }
  return total;
}

void MlpTrainer::copyWeights(bool previous, float* out) const {
  const std::vector<float>& set = sets_[previous ? 1 - active_ : active_];
  std::memcpy(out, set.data(), total_ * sizeof(float));
}

}  // namespace bp
