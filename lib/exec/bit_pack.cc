#include "lib/exec/bit_pack.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace cim {

bool PackTernary(const int8_t* v, int64_t k, uint64_t* sign, uint64_t* nonzero) {
  const int64_t words = WordsFor(k);
  uint64_t any_zero = 0;
  for (int64_t w = 0; w < words; ++w) {
    const int64_t begin = w * 64, end = begin + 64 < k ? begin + 64 : k;
    uint64_t s = 0, nz = 0;
    int64_t i = begin;
#if defined(__SSE2__)
    // 16 values at a time: the byte sign bit is the sign plane, a byte
    // compare with 0 the inverted nonzero plane.
    const __m128i zero = _mm_setzero_si128();
    for (; i + 16 <= end; i += 16) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(v + i));
      const auto neg = static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(x)));
      const auto is0 =
          static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, zero))));
      s |= neg << (i - begin);
      nz |= (~is0 & 0xFFFFu) << (i - begin);
    }
#endif
    for (; i < end; ++i) {
      s |= static_cast<uint64_t>(v[i] < 0) << (i - begin);
      nz |= static_cast<uint64_t>(v[i] != 0) << (i - begin);
    }
    const uint64_t valid = end - begin == 64 ? ~uint64_t{0} : (uint64_t{1} << (end - begin)) - 1;
    any_zero |= ~nz & valid;
    sign[w] = s;
    nonzero[w] = nz;
  }
  return any_zero != 0;
}

}  // namespace cim
