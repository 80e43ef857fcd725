#include "gemm.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "gemm_kernels.h"
#include "simd_level.h"
#include "thread_pool.h"

namespace bp {

namespace {

// Block sizes: a kc×nr panel of B stays in L1, an mc×kc block of A in L2.
constexpr int kKc = 192;
constexpr int kNc = 2048;
constexpr int kMcStrips = 8;
// Below this many multiply-adds a product runs on the calling thread alone: waking the pool and
// waiting for the slowest thread costs more than it saves on the training step's products (about
// 4e6), and far more when other processes compete for the cores.
constexpr double kParallelMinWork = 1.6e7;

const GemmKernels& kernelsFor(SimdLevel level) {
#if defined(BP_HAVE_X86_KERNELS)
  if (level == SimdLevel::Avx512) return avx512GemmKernels();
  if (level == SimdLevel::Avx2) return avx2GemmKernels();
#endif
  (void)level;
  return scalarGemmKernels();
}

// `count` stored rows of kc values each (`stride` apart) as the first columns of a k-major strip
// kc×width, the rest zero: op(A) rows of a row-major A, and op(B) columns of a transposed B.
void packAcross(const float* source, long stride, int count, int kc, int width, float* out) {
  for (int r = 0; r < count; ++r, source += stride) {
    for (int q = 0; q < kc; ++q) out[q * width + r] = source[q];
  }
  for (int r = count; r < width; ++r) {
    for (int q = 0; q < kc; ++q) out[q * width + r] = 0.0f;
  }
}

// Rows [i0, i0+mc) and columns [q0, q0+kc) of op(A), as strips of mr rows, k-major, zero-padded.
void packA(const GemmProblem& p, int i0, int mc, int q0, int kc, int mr, float* out) {
  for (int s = 0; s < mc; s += mr) {
    const int rows = std::min(mr, mc - s);
    if (p.transA) {
      // op(A) row i is column i of the stored k×m matrix: each k step is a contiguous run of rows.
      const float* source = p.a + static_cast<long>(q0) * p.m + i0 + s;
      for (int q = 0; q < kc; ++q, source += p.m, out += mr) {
        for (int r = 0; r < rows; ++r) out[r] = source[r];
        for (int r = rows; r < mr; ++r) out[r] = 0.0f;
      }
    } else {
      packAcross(p.a + static_cast<long>(i0 + s) * p.k + q0, p.k, rows, kc, mr, out);
      out += static_cast<long>(kc) * mr;
    }
  }
}

// Rows [q0, q0+kc) and columns [j0, j0+nc) of op(B), as strips of nr columns, zero-padded.
void packB(const GemmProblem& p, int q0, int kc, int j0, int nc, int nr, float* out) {
  for (int s = 0; s < nc; s += nr) {
    const int cols = std::min(nr, nc - s);
    if (!p.transB) {
      for (int q = 0; q < kc; ++q, out += nr) {
        std::memcpy(out, p.b + static_cast<long>(q0 + q) * p.n + j0 + s, sizeof(float) * cols);
        for (int j = cols; j < nr; ++j) out[j] = 0.0f;
      }
    } else {
      // op(B) column j is row j of the stored n×k matrix: read it contiguously.
      packAcross(p.b + static_cast<long>(j0 + s) * p.k + q0, p.k, cols, kc, nr, out);
      out += static_cast<long>(kc) * nr;
    }
  }
}

void denseGemm(const GemmProblem& p, const GemmKernels& kernels, bool parallel, bool skipZeroSteps) {
  const int mr = kernels.mr;
  const int nr = kernels.nr;
  const int threads = parallel ? poolThreadCount() : 1;
  // Split M into blocks of whole strips, at least one per thread when running in parallel.
  const int mcMax = mr * kMcStrips;
  int blocks = std::max((p.m + mcMax - 1) / mcMax, std::min(threads, (p.m + mr - 1) / mr));
  const int stripsPerBlock = ((p.m + mr - 1) / mr + blocks - 1) / blocks;
  const int mc = stripsPerBlock * mr;
  blocks = (p.m + mc - 1) / mc;

  thread_local std::vector<float> packedB;
  const int ncMax = std::min(kNc, (p.n + nr - 1) / nr * nr);
  packedB.resize(static_cast<size_t>(kKc) * ncMax);
  float* bp = packedB.data();

  for (int j0 = 0; j0 < p.n; j0 += kNc) {
    const int nc = std::min(kNc, p.n - j0);
    for (int q0 = 0; q0 < p.k; q0 += kKc) {
      const int kc = std::min(kKc, p.k - q0);
      packB(p, q0, kc, j0, nc, nr, bp);
      const bool accumulate = q0 > 0;
      auto block = [&](int blockIndex) {
        thread_local std::vector<float> packedA;
        thread_local std::vector<int> stepBuffer;
        thread_local std::vector<int> stepCountBuffer;
        const int i0 = blockIndex * mc;
        const int rows = std::min(mc, p.m - i0);
        const int strips = (rows + mr - 1) / mr;
        // Aᵀ's full strips are already mr contiguous values per k step (p.m apart): read them in
        // place. Everything else, and the last partial strip, is packed.
        const int directStrips = p.transA ? rows / mr : 0;
        const int packedRows = rows - directStrips * mr;
        packedA.resize(static_cast<size_t>(strips - directStrips) * mr * kc);
        if (packedRows > 0) packA(p, i0 + directStrips * mr, packedRows, q0, kc, mr, packedA.data());
        auto stripA = [&](int s, int* step) -> const float* {
          if (s < directStrips) {
            *step = p.m;
            return p.a + static_cast<long>(q0) * p.m + i0 + s * mr;
          }
          *step = mr;
          return packedA.data() + static_cast<long>(s - directStrips) * mr * kc;
        };
        stepBuffer.resize(skipZeroSteps ? static_cast<size_t>(strips) * kc : 0);
        stepCountBuffer.resize(strips);
        int* stepIndex = stepBuffer.data();
        int* stepCount = stepCountBuffer.data();
        for (int s = 0; s < strips && skipZeroSteps; ++s) {
          int step;
          const float* a = stripA(s, &step);
          stepCount[s] = kernels.nonzeroSteps(a, step, kc, stepIndex + static_cast<long>(s) * kc);
        }
        for (int js = 0; js < nc; js += nr) {
          const float* bPanel = bp + static_cast<long>(js) * kc;
          const int cols = std::min(nr, nc - js);
          for (int s = 0; s < strips; ++s) {
            const int stripRows = std::min(mr, rows - s * mr);
            float* cTile = p.c + static_cast<long>(i0 + s * mr) * p.n + j0 + js;
            int step;
            const float* a = stripA(s, &step);
            if (skipZeroSteps) {
              kernels.skippingMicro(stepCount[s], stepIndex + static_cast<long>(s) * kc, a, step, bPanel, cTile, p.n,
                                    stripRows, cols, accumulate);
            } else {
              kernels.micro(kc, a, step, bPanel, cTile, p.n, stripRows, cols, accumulate);
            }
          }
        }
      };
      if (threads > 1 && blocks > 1) {
        parallelFor(blocks, block);
      } else {
        for (int b = 0; b < blocks; ++b) block(b);
      }
    }
  }
}

void transposeInto(const float* source, int rows, int cols, std::vector<float>& target) {
  target.resize(static_cast<size_t>(rows) * cols);
  constexpr int kTile = 32;
  for (int r0 = 0; r0 < rows; r0 += kTile) {
    for (int c0 = 0; c0 < cols; c0 += kTile) {
      const int r1 = std::min(rows, r0 + kTile);
      const int c1 = std::min(cols, c0 + kTile);
      for (int r = r0; r < r1; ++r) {
        for (int c = c0; c < c1; ++c) target[static_cast<size_t>(c) * rows + r] = source[static_cast<long>(r) * cols + c];
      }
    }
  }
}

// Rows [rowBegin, rowEnd) of the zero-skipping product, K split into chunks whose rows of B fit
// in L1 together (the rows an A row's nonzeros pick are scattered).
void rowRange(const float* a, const float* b, const GemmProblem& p, const GemmKernels& kernels, int rowBegin,
              int rowEnd, bool skipZeros) {
  constexpr int kL1Bytes = 32768;
  const int kChunk = std::max(16, kL1Bytes / (static_cast<int>(sizeof(float)) * std::min(p.n, 64)) / 16 * 16);
  for (int q0 = 0; q0 < p.k; q0 += kChunk) {
    const int kc = std::min(kChunk, p.k - q0);
    kernels.sparseRows(a + q0, p.k, b + static_cast<long>(q0) * p.n, p.c, rowBegin, rowEnd, p.n, kc, q0 > 0, skipZeros);
  }
}

void rowGemm(const GemmProblem& p, const GemmKernels& kernels, double nonzeros, bool skipZeros) {
  const bool parallel = nonzeros * p.n >= kParallelMinWork && poolThreadCount() > 1;
  const bool csrFits = static_cast<double>(p.m) * p.k < 2147483647.0;
  if (skipZeros && p.transA && !p.transB && !parallel && csrFits) {
    kernels.sparseOuter(p.a, p.b, p.c, p.m, p.n, p.k);
    return;
  }
  thread_local std::vector<float> aNormal;
  thread_local std::vector<float> bNormal;
  const float* a = p.a;
  const float* b = p.b;
  if (p.transA) {
    transposeInto(p.a, p.k, p.m, aNormal);
    a = aNormal.data();
  }
  if (p.transB) {
    transposeInto(p.b, p.n, p.k, bNormal);
    b = bNormal.data();
  }
  if (!parallel) {
    rowRange(a, b, p, kernels, 0, p.m, skipZeros);
    return;
  }
  const int chunkRows = std::max(1, std::min(64, p.m / (4 * poolThreadCount())));
  const int chunks = (p.m + chunkRows - 1) / chunkRows;
  parallelFor(chunks, [&](int chunk) {
    const int begin = chunk * chunkRows;
    rowRange(a, b, p, kernels, begin, std::min(p.m, begin + chunkRows), skipZeros);
  });
}

// The zero fraction of A, estimated from up to 32 evenly spaced runs of 256 values: the choice of
// path only changes the speed, never the numbers.
double zeroFraction(const float* data, long count) {
  constexpr long kRun = 256;
  constexpr long kRuns = 32;
  long sampled = 0;
  long zeros = 0;
  auto countRun = [&](long begin, long length) {
    int runZeros = 0;
    for (long i = 0; i < length; ++i) runZeros += data[begin + i] == 0.0f;
    zeros += runZeros;
    sampled += length;
  };
  if (count <= kRun * kRuns) {
    countRun(0, count);
  } else {
    const long stride = count / kRuns;
    for (long r = 0; r < kRuns; ++r) countRun(r * stride, kRun);
  }
  return sampled == 0 ? 0.0 : static_cast<double>(zeros) / static_cast<double>(sampled);
}

enum class GemmPath { Sparse, Rows, Dense };

// The row kernels (registers hold a C row; zeros of A are skipped) serve zero-heavy A, and narrow
// C where the micro-kernel's wide tiles would be mostly padding. They hold B offsets (column · n)
// in 32-bit integers.
GemmPath choosePath(const GemmProblem& p, double zeros) {
  const bool offsetsFit = static_cast<double>(p.k) * p.n < 2147483647.0;
  if (offsetsFit && zeros >= 0.5) return GemmPath::Sparse;
  if (offsetsFit && p.n <= 16) return GemmPath::Rows;
  return GemmPath::Dense;
}

}  // namespace

const char* gemmPath(const GemmProblem& p) {
  switch (choosePath(p, zeroFraction(p.a, static_cast<long>(p.m) * p.k))) {
    case GemmPath::Sparse: return "sparse";
    case GemmPath::Rows: return "rows";
    default: return "dense";
  }
}

void gemm(const GemmProblem& p) {
  if (p.m <= 0 || p.n <= 0) return;
  if (p.k <= 0) {
    std::fill(p.c, p.c + static_cast<long>(p.m) * p.n, 0.0f);
    return;
  }
  const GemmKernels& kernels = kernelsFor(activeSimdLevel());
  const long size = static_cast<long>(p.m) * p.k;
  const double zeros = zeroFraction(p.a, size);
  const GemmPath path = choosePath(p, zeros);
  const double work = static_cast<double>(p.m) * p.n * p.k;
  const bool parallel = work >= kParallelMinWork && poolThreadCount() > 1;
  if (path == GemmPath::Sparse && p.transA && kernels.skippingMicro != nullptr) {
    // Aᵀ of image rows: A's columns (pixels) become packed strips whose all-zero steps are skipped.
    denseGemm(p, kernels, parallel, true);
    return;
  }
  if (path != GemmPath::Dense) {
    rowGemm(p, kernels, static_cast<double>(size) * (1.0 - zeros), path == GemmPath::Sparse);
    return;
  }
  denseGemm(p, kernels, parallel, false);
}

}  // namespace bp
