#pragma once
// Many standard normal draws of one counter-RNG stream at once, the same
// numbers as NormalDraw(key, first + e) one at a time, in vector loops.

#include <cstdint>
#include <vector>

namespace cim::sim {

/// Per-worker buffers of NormalDraws, reused across calls.
struct NormalDrawScratch {
  std::vector<double> uniform;
  std::vector<uint8_t> tail_flags;  // padded to whole 8-byte words
};

/// z[e] = NormalDraw(key, first + e) for e in [0, n).
void NormalDraws(uint64_t key, uint64_t first, int64_t n, NormalDrawScratch& scratch, double* z);

}  // namespace cim::sim
