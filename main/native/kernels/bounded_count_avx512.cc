// The bounded accuracy count's kernel (bounded_count.h): AVX-512 with VNNI's 16-bit dot products.
#include "bounded_count.h"

#if BP_HAVE_X86_KERNELS
#include <immintrin.h>

namespace bp {

namespace {

// GCC 12 warns that the cast intrinsics' internal "undefined" register may be used uninitialised
// (the false positive of its headers that mlp_avx512.cc also meets).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

// acc += the dot products of v's 16-bit pairs with a row's `Lanes` pairs (16, 8 or 4): a narrower
// one for a last vector the layer uses only part of. The lanes above stay as they were (and are
// not read: their scale is 0).
template <int Lanes>
BP_TARGET_AVX512_VNNI inline __m512i dotLead(__m512i acc, __m512i v, const int16_t* row) {
  if constexpr (Lanes == 16) return _mm512_dpwssd_epi32(acc, v, _mm512_load_si512(row));
  if constexpr (Lanes == 8)
    return _mm512_castsi256_si512(_mm256_dpwssd_epi32(_mm512_castsi512_si256(acc), _mm512_castsi512_si256(v),
                                                      _mm256_load_si256(reinterpret_cast<const __m256i*>(row))));
  if constexpr (Lanes == 4)
    return _mm512_castsi128_si512(_mm_dpwssd_epi32(_mm512_castsi512_si128(acc), _mm512_castsi512_si128(v),
                                                   _mm_load_si128(reinterpret_cast<const __m128i*>(row))));
}

// V vectors of 16 hidden units, the last using Tail lanes. Each image's integer sums run in two
// sets of registers (even and odd entries: the dot product's latency would otherwise bind them),
// which changes nothing in an integer sum.
template <int V, int Tail>
BP_TARGET_AVX512_VNNI size_t boundedCountAvx512(const BoundedCountModel& m, const PixelPairs& pairs, const uint8_t* labels,
                                                size_t begin, size_t end, int32_t* counts, std::vector<size_t>* unsure) {
  constexpr int kMain = Tail == 16 ? V : V - 1;
  // Each 32-bit lane's two 16-bit halves from an entry's bytes 2 and 3 (the two pixels' values).
  const __m512i spread = _mm512_set1_epi32(static_cast<int>(0x80038002u));
  const uint32_t* entries = pairs.entry();
  const __mmask16 classes = static_cast<__mmask16>(m.classes == 16 ? 0xffffu : (1u << m.classes) - 1u);
  const __m512 zero = _mm512_setzero_ps();
  alignas(64) float a[64];
  size_t correct = 0;
  for (size_t i = begin; i < end; ++i) {
    const uint32_t* e = entries + pairs.begin(i);
    const uint32_t* last = entries + pairs.end(i);
#define BP_ZERO(b) __m512i even##b = _mm512_setzero_si512(), odd##b = _mm512_setzero_si512();
    BP_ZERO(0) BP_ZERO(1) BP_ZERO(2) BP_ZERO(3)
#define BP_DOT(b, sums)                                                                      \
  if constexpr (V > b) {                                                                     \
    if constexpr (b < kMain) sums##b = dotLead<16>(sums##b, v, row + 32 * b);                \
    else sums##b = dotLead<Tail>(sums##b, v, m.tail + static_cast<size_t>(pair) * 2 * Tail); \
  }
#define BP_ENTRY(x, sums)                                                              \
  {                                                                                    \
    const uint32_t entry = (x);                                                        \
    const __m512i v = _mm512_shuffle_epi8(_mm512_set1_epi32(static_cast<int>(entry)), spread); \
    const uint32_t pair = PixelPairs::pairOf(entry);                                   \
    const int16_t* row = m.main + static_cast<size_t>(pair) * 32 * kMain;             \
    (void)row;                                                                         \
    BP_DOT(0, sums) BP_DOT(1, sums) BP_DOT(2, sums) BP_DOT(3, sums)                    \
  }
    // An odd count's first entry alone, then two at a time (with the odd one after the loop, GCC
    // copied every sum between registers on each turn).
    if ((last - e) & 1) BP_ENTRY(*e++, odd)
    for (; e < last; e += 2) {
      BP_ENTRY(e[0], even)
      BP_ENTRY(e[1], odd)
    }
    // The hidden units' ReLU outputs (0 past the layer's units: their scale and bias are 0).
    __m512 total = zero;
#define BP_UNITS(b)                                                                                      \
  if constexpr (V > b) {                                                                                 \
    const __m512 z = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_add_epi32(even##b, odd##b)),             \
                                     _mm512_load_ps(m.scale + 16 * b), _mm512_load_ps(m.bias + 16 * b)); \
    const __m512 y = _mm512_max_ps(z, zero);                                                             \
    _mm512_store_ps(a + 16 * b, y);                                                                      \
    total = _mm512_add_ps(total, y);                                                                     \
  }
    BP_UNITS(0) BP_UNITS(1) BP_UNITS(2) BP_UNITS(3)
    // The class scores, four chains.
    __m512 s0 = _mm512_load_ps(m.secondBias), s1 = zero, s2 = zero, s3 = zero;
    int j = 0;
    for (; j + 4 <= m.hidden; j += 4) {
      s0 = _mm512_fmadd_ps(_mm512_set1_ps(a[j]), _mm512_load_ps(m.second + 16 * j), s0);
      s1 = _mm512_fmadd_ps(_mm512_set1_ps(a[j + 1]), _mm512_load_ps(m.second + 16 * (j + 1)), s1);
      s2 = _mm512_fmadd_ps(_mm512_set1_ps(a[j + 2]), _mm512_load_ps(m.second + 16 * (j + 2)), s2);
      s3 = _mm512_fmadd_ps(_mm512_set1_ps(a[j + 3]), _mm512_load_ps(m.second + 16 * (j + 3)), s3);
    }
    for (; j < m.hidden; ++j) s0 = _mm512_fmadd_ps(_mm512_set1_ps(a[j]), _mm512_load_ps(m.second + 16 * j), s0);
    const __m512 scores = _mm512_add_ps(_mm512_add_ps(s0, s1), _mm512_add_ps(s2, s3));
    const float best = _mm512_mask_reduce_max_ps(classes, scores);
    const __mmask16 atBest = _mm512_mask_cmp_ps_mask(classes, scores, _mm512_set1_ps(best), _CMP_EQ_OQ);
    const int top = atBest ? __builtin_ctz(atBest) : 0;
    const float second = _mm512_mask_reduce_max_ps(static_cast<__mmask16>(classes & ~(1u << top)), scores);
    const float bound = m.perValue * static_cast<float>(pairs.valueSum(i)) + m.constant + m.perOutput * _mm512_reduce_add_ps(total);
    // Not settled also when a score is not a number (every comparison with NaN is false).
    if (atBest && best - second > bound) {
      correct += top == labels[i];
      if (counts) ++counts[labels[i] * m.classes + top];
    } else {
      unsure->push_back(i);
    }
  }
#undef BP_ZERO
#undef BP_DOT
#undef BP_ENTRY
#undef BP_UNITS
  return correct;
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace

#define BP_BY_TAIL(V) boundedCountAvx512<V, 16>, boundedCountAvx512<V, 8>, boundedCountAvx512<V, 4>
const BoundedCountKernel kBoundedCountAvx512[5 * 3] = {nullptr,       nullptr,       nullptr,      BP_BY_TAIL(1),
                                                     BP_BY_TAIL(2), BP_BY_TAIL(3), BP_BY_TAIL(4)};
#undef BP_BY_TAIL

}  // namespace bp

#endif
