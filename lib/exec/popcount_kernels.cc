#include "lib/exec/popcount_kernels.h"

#include <algorithm>
#include <bit>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CIM_HAVE_AVX512_KERNEL 1
#endif

namespace cim {
namespace {

/// Stores the first `rows` of a block of kRowBlock results.
inline void StoreBlock(const int64_t* y, int64_t rows, int32_t* out) {
  for (int64_t j = 0; j < rows; ++j) out[j] = static_cast<int32_t>(y[j]);
}

}  // namespace

void MvmKernelScalar(const PackedWeights& w, const PackedPatches& x, int32_t* out,
                     int64_t out_stride) {
  const int64_t words = w.words, pr = w.padded_rows;
  for (int64_t p = 0; p < x.count; ++p) {
    const uint64_t* xs = x.sign + p * words;
    const uint64_t* xn = x.nonzero + p * words;
    const bool fast = !w.has_zero && !x.has_zero[p];
    for (int64_t rb = 0; rb < pr; rb += kRowBlock) {
      int64_t a[kRowBlock] = {}, b[kRowBlock] = {};
      if (fast) {
        for (int64_t k = 0; k < words; ++k) {
          const uint64_t* s = w.sign.data() + k * pr + rb;
          for (int64_t j = 0; j < kRowBlock; ++j) b[j] += std::popcount(xs[k] ^ s[j]);
        }
        for (int64_t j = 0; j < kRowBlock; ++j) a[j] = w.k;
      } else {
        for (int64_t k = 0; k < words; ++k) {
          const uint64_t* s = w.sign.data() + k * pr + rb;
          const uint64_t* n = w.nonzero.data() + k * pr + rb;
          for (int64_t j = 0; j < kRowBlock; ++j) {
            const uint64_t both = xn[k] & n[j];
            a[j] += std::popcount(both);
            b[j] += std::popcount(both & (xs[k] ^ s[j]));
          }
        }
      }
      int64_t y[kRowBlock];
      for (int64_t j = 0; j < kRowBlock; ++j) y[j] = a[j] - 2 * b[j];
      StoreBlock(y, std::min(kRowBlock, w.rows - rb), out + p * out_stride + rb);
    }
  }
}

#if defined(CIM_HAVE_AVX512_KERNEL)
namespace {

// 8 rows per 512-bit vector: the word-major weight layout puts word k of 8
// consecutive rows side by side, so no horizontal sums are needed.
__attribute__((target("avx512f,avx512vpopcntdq"))) void MvmKernelAvx512(const PackedWeights& w,
                                                                        const PackedPatches& x,
                                                                        int32_t* out,
                                                                        int64_t out_stride) {
  const int64_t words = w.words, pr = w.padded_rows;
  const __m512i k_vec = _mm512_set1_epi64(w.k);
  for (int64_t p = 0; p < x.count; ++p) {
    const uint64_t* xs = x.sign + p * words;
    const uint64_t* xn = x.nonzero + p * words;
    const bool fast = !w.has_zero && !x.has_zero[p];
    int32_t* dst = out + p * out_stride;
    for (int64_t rb = 0; rb < pr; rb += kRowBlock) {
      __m512i y;
      if (fast) {
        __m512i b = _mm512_setzero_si512();
        for (int64_t k = 0; k < words; ++k) {
          const __m512i s = _mm512_loadu_si512(w.sign.data() + k * pr + rb);
          b = _mm512_add_epi64(b,
                               _mm512_popcnt_epi64(_mm512_xor_si512(s, _mm512_set1_epi64(xs[k]))));
        }
        y = _mm512_sub_epi64(k_vec, _mm512_add_epi64(b, b));
      } else {
        __m512i a = _mm512_setzero_si512(), b = _mm512_setzero_si512();
        for (int64_t k = 0; k < words; ++k) {
          const __m512i s = _mm512_loadu_si512(w.sign.data() + k * pr + rb);
          const __m512i n = _mm512_loadu_si512(w.nonzero.data() + k * pr + rb);
          const __m512i both = _mm512_and_si512(n, _mm512_set1_epi64(xn[k]));
          const __m512i diff =
              _mm512_and_si512(both, _mm512_xor_si512(s, _mm512_set1_epi64(xs[k])));
          a = _mm512_add_epi64(a, _mm512_popcnt_epi64(both));
          b = _mm512_add_epi64(b, _mm512_popcnt_epi64(diff));
        }
        y = _mm512_sub_epi64(a, _mm512_add_epi64(b, b));
      }
      // The maskz form: the plain one trips GCC 12's -Wmaybe-uninitialized.
      const __m256i y32 = _mm512_maskz_cvtepi64_epi32(0xFF, y);
      const int64_t rows = std::min(kRowBlock, w.rows - rb);
      if (rows == kRowBlock) {
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + rb), y32);
      } else {
        alignas(32) int32_t tmp[kRowBlock];
        _mm256_store_si256(reinterpret_cast<__m256i*>(tmp), y32);
        for (int64_t j = 0; j < rows; ++j) dst[rb + j] = tmp[j];
      }
    }
  }
}

}  // namespace
#endif

MvmKernel BestMvmKernel() {
#if defined(CIM_HAVE_AVX512_KERNEL)
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq"))
    return MvmKernelAvx512;
#endif
  return MvmKernelScalar;
}

}  // namespace cim
