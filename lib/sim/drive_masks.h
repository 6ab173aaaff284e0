#pragma once
// Bit-packed input sets of one patch: which of a tile's k inputs are +1, −1,
// 0 or active. Column currents of an ideal crossbar depend only on how many
// driven rows meet LRS cells, i.e. popcount(drive mask & LRS mask).

#include <cstdint>

#include "sim/mapping_scheme.h"

namespace cim::sim {

/// Words per mask for k inputs.
inline int MaskWords(int64_t k) { return static_cast<int>((k + 63) / 64); }

/// Number of InputSet values; masks of one patch are stored [set][word].
inline constexpr int kNumInputSets = 5;

/// Packs x[0..k) (values in {-1,0,+1}) into `words`-word masks for every
/// InputSet, at masks + set*words. Bits at and beyond k are 0 in every set.
void PackInputSets(const int8_t* x, int64_t k, int words, uint64_t* masks);

}  // namespace cim::sim
