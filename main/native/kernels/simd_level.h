// Which SIMD instruction set the kernels use, chosen at run time (never at compile time: a
// packaged app runs on CPUs other than the build machine's).
#pragma once

#if defined(__x86_64__) || defined(_M_X64)
#define BP_X86_64 1
#endif

// The AVX2 and AVX-512 kernels are compiled with per-function target attributes (GCC and Clang).
// Elsewhere (MSVC, ARM) only the portable kernels are built.
#if defined(BP_X86_64) && (defined(__GNUC__) || defined(__clang__))
#define BP_HAVE_X86_KERNELS 1
#define BP_TARGET_AVX2 __attribute__((target("avx2,fma")))
#define BP_TARGET_AVX512 __attribute__((target("avx512f,avx2,fma")))
// AVX-512 with 16-bit integer dot products (VNNI), for the bounded accuracy count.
#define BP_TARGET_AVX512_VNNI __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma")))
#endif

// Portable loops shared by every level's kernels are always inlined, so that each level's copy
// compiles under its own target attribute (where the compiler vectorises them for that level).
#if defined(__GNUC__) || defined(__clang__)
#define BP_ALWAYS_INLINE __attribute__((always_inline)) inline
#elif defined(_MSC_VER)
#define BP_ALWAYS_INLINE __forceinline
#else
#define BP_ALWAYS_INLINE inline
#endif

namespace bp {

enum class SimdLevel : int { Scalar = 0, Avx2 = 1, Avx512 = 2 };

// The best level this CPU (and OS) supports.
SimdLevel supportedSimdLevel();
// The level in use: the supported one, lowered by the BPSTUDIO_SIMD environment variable
// (scalar | avx2 | avx512) or by setActiveSimdLevel.
SimdLevel activeSimdLevel();
// Sets the level in use; a level above the supported one is lowered to it. Returns the level set.
SimdLevel setActiveSimdLevel(SimdLevel wanted);

// Whether this CPU has AVX-512's 16-bit integer dot products (VNNI), beside the AVX-512 level.
bool supportsAvx512Vnni();

const char* simdLevelName(SimdLevel level);
// Parses "scalar" | "avx2" | "avx512"; returns false for anything else.
bool parseSimdLevel(const char* text, SimdLevel* out);

}  // namespace bp
