#pragma once
// The core of an ideal crossbar read: for every column, how many driven rows
// meet an LRS cell, popcount(drive & LRS mask), over bit-packed rows.

#include <cstdint>

namespace cim::sim {

/// cnt[c] += Σ_w popcount(drive[w] & lrs[w·cols + c]) for c in [0, cols):
/// `lrs` is word-major (TileCells::LrsMaskPlane). Uses AVX-512 VPOPCNTDQ
/// when the CPU has it (8 columns per instruction), else scalar popcount.
void AddColumnCounts(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                     int32_t* cnt);

/// The portable kernel alone (tests compare it with the dispatched one).
void AddColumnCountsPortable(const uint64_t* drive, const uint64_t* lrs, int64_t cols, int words,
                             int32_t* cnt);

}  // namespace cim::sim
