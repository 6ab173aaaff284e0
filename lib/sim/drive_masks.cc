#include "sim/drive_masks.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cim::sim {

void PackInputSets(const int8_t* x, int64_t k, int words, uint64_t* masks) {
  std::memset(masks, 0, sizeof(uint64_t) * kNumInputSets * words);
  uint64_t* plus = masks + static_cast<int>(InputSet::kPlus) * words;
  uint64_t* minus = masks + static_cast<int>(InputSet::kMinus) * words;
  uint64_t* zero = masks + static_cast<int>(InputSet::kZero) * words;
  uint64_t* active = masks + static_cast<int>(InputSet::kActive) * words;
  int64_t i = 0;
#if defined(__SSE2__)
  // 16 inputs per step: byte compares and movemask give 16 mask bits at once.
  const __m128i one = _mm_set1_epi8(1), minus_one = _mm_set1_epi8(-1), zero_v = _mm_setzero_si128();
  for (; i + 16 <= k; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(x + i));
    const uint64_t p = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, one)));
    const uint64_t m = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, minus_one)));
    const uint64_t z = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero_v)));
    const int w = static_cast<int>(i >> 6), sh = static_cast<int>(i & 63);
    plus[w] |= p << sh;
    minus[w] |= m << sh;
    zero[w] |= z << sh;
  }
#endif
  for (; i < k; ++i) {
    const uint64_t bit = uint64_t{1} << (i & 63);
    const int w = static_cast<int>(i >> 6);
    if (x[i] == 1) plus[w] |= bit;
    if (x[i] == -1) minus[w] |= bit;
    if (x[i] == 0) zero[w] |= bit;
  }
  for (int w = 0; w < words; ++w) active[w] = plus[w] | minus[w];
}

}  // namespace cim::sim
