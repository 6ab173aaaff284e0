#include "sim/column_counts.h"

#include <bit>

#if defined(__x86_64__)
#include <immintrin.h>
#define CIM_SIM_AVX512_COUNTS 1
#endif

namespace cim::sim {

void AddColumnCountsPortable(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                   int32_t* cnt) {
  for (int w = 0; w < words; ++w) {
    const uint64_t d = drive[w];
    if (d == 0) continue;  // no driven row in these 64: nothing to add
    const uint64_t* m = lrs + w * cols;
    for (int64_t c = 0; c < cols; ++c) cnt[c] += std::popcount(d & m[c]);
  }
}

#if defined(CIM_SIM_AVX512_COUNTS)
namespace {

// Eight columns per step: each lane accumulates one column's count over all
// words, so the result needs no horizontal reduction.
__attribute__((target("avx512f,avx512vpopcntdq"))) void CountAvx512(const uint64_t* drive,
                                                                     const uint64_t* lrs,
                                                                     int64_t cols, int words,
                                                                     int32_t* cnt) {
  int64_t c = 0;
  for (; c + 8 <= cols; c += 8) {
    __m512i acc = _mm512_setzero_si512();
    for (int w = 0; w < words; ++w) {
      const __m512i m = _mm512_loadu_si512(lrs + w * cols + c);
      acc = _mm512_add_epi64(acc, _mm512_popcnt_epi64(_mm512_and_si512(m, _mm512_set1_epi64(
                                                                              static_cast<long long>(drive[w])))));
    }
    // The masked form: the plain one reads an "undefined" register GCC warns about.
    const __m256i sum32 = _mm512_mask_cvtepi64_epi32(_mm256_setzero_si256(), 0xff, acc);
    const __m256i old = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cnt + c));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(cnt + c), _mm256_add_epi32(old, sum32));
  }
  for (; c < cols; ++c) {
    for (int w = 0; w < words; ++w) cnt[c] += std::popcount(drive[w] & lrs[w * cols + c]);
  }
}

bool CpuHasAvx512Popcount() {
  static const bool has =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq");
  return has;
}

}  // namespace
#endif

void AddColumnCounts(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                     int32_t* cnt) {
#if defined(CIM_SIM_AVX512_COUNTS)
  if (CpuHasAvx512Popcount()) return CountAvx512(drive, lrs, cols, words, cnt);
#endif
  AddColumnCountsPortable(drive, lrs, cols, words, cnt);
}

}  // namespace cim::sim
