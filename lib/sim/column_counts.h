#pragma once
// The core of an ideal crossbar read: for every column, how many driven rows
// meet an LRS cell, popcount(drive & LRS mask), over bit-packed rows.

#include <cstdint>

namespace cim::sim {

/// cnt[c] += popcount(drive & lrs[c]) for c in [0, cols); lrs is [c][words].
void AddColumnCounts(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                     int32_t* cnt);

}  // namespace cim::sim
