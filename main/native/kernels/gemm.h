// The matrix product C = op(A) · op(B) in float32, row-major, op transposing when asked.
#pragma once

namespace bp {

struct GemmProblem {
  const float* a;  // m×k, or k×m when transA
  const float* b;  // k×n, or n×k when transB
  float* c;        // m×n, overwritten; must not overlap a or b
  int m;
  int n;
  int k;
  bool transA;
  bool transB;
};

// Paths: when at least half of A is zeros (MNIST pixels), a zero-skipping one (rows of A kept as
// their nonzeros; for Aᵀ, packed strips whose all-zero k steps are skipped, or outer products
// where that kernel is missing); when C is narrow (n ≤ 16), the row kernel without skipping;
// otherwise the packed, cache-blocked micro-kernel. The pool's threads join only when the work is
// large.
void gemm(const GemmProblem& problem);

// Which path gemm takes for this problem ("sparse", "rows" or "dense"), for tests and benchmarks.
const char* gemmPath(const GemmProblem& problem);

}  // namespace bp
