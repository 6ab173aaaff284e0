#include "sim/column_counts.h"

#include <bit>

namespace cim::sim {
namespace {

// Fixed word counts unroll completely; 256-row crossbars use 4 (or 2 for
// two-row mappings).
template <int W>
void CountFixed(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int32_t* cnt) {
  uint64_t d[W];
  for (int w = 0; w < W; ++w) d[w] = drive[w];
  for (int64_t c = 0; c < cols; ++c) {
    int n = 0;
    for (int w = 0; w < W; ++w) n += std::popcount(d[w] & lrs[c * W + w]);
    cnt[c] += n;
  }
}

}  // namespace

void AddColumnCounts(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                     int32_t* cnt) {
  switch (words) {
    case 1: return CountFixed<1>(drive, lrs, cols, cnt);
    case 2: return CountFixed<2>(drive, lrs, cols, cnt);
    case 3: return CountFixed<3>(drive, lrs, cols, cnt);
    case 4: return CountFixed<4>(drive, lrs, cols, cnt);
    default:
      for (int64_t c = 0; c < cols; ++c) {
        int n = 0;
        for (int w = 0; w < words; ++w) n += std::popcount(drive[w] & lrs[c * words + w]);
        cnt[c] += n;
      }
  }
}

}  // namespace cim::sim
