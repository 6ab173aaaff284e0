#pragma once
// Packing {-1,0,+1} vectors into two bit planes of 64-bit words: bit i of the
// sign plane is set iff v[i] = -1, of the nonzero plane iff v[i] != 0. Bits
// past the vector's end are 0 in both planes, so they add nothing to either
// popcount of the exact kernels.

#include <cstdint>

namespace cim {

inline int64_t WordsFor(int64_t k) { return (k + 63) / 64; }

/// Packs k values into WordsFor(k) words of each plane. Values other than
/// -1, 0, +1 are a precondition violation (a nonzero non-negative value packs
/// as +1). Returns whether any value is 0.
bool PackTernary(const int8_t* values, int64_t k, uint64_t* sign, uint64_t* nonzero);

}  // namespace cim
