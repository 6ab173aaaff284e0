#pragma once
// The inner loops of the exact engine: y = W·x for a block of packed patches
// against one group's packed weights (cim/exec/exact_engine.h).
//   general:  y = popcount(nzw & nzx) - 2 * popcount(nzw & nzx & (sw ^ sx))
//   no zeros: y = K - 2 * popcount(sw ^ sx)

#include <cstdint>

#include "cim/exec/exact_engine.h"

namespace cim {

/// Rows a kernel computes together; PackedWeights::padded_rows is a multiple.
inline constexpr int64_t kRowBlock = 8;

/// A block of packed patches: patch p's words start at p * words in both
/// planes; has_zero[p] says whether it holds a zero (padding or ternary 0).
struct PackedPatches {
  const uint64_t* sign = nullptr;
  const uint64_t* nonzero = nullptr;
  const uint8_t* has_zero = nullptr;
  int64_t count = 0;
};

/// Writes y of patch p, row r to out[p * out_stride + r] for r < w.rows.
using MvmKernel = void (*)(const PackedWeights& w, const PackedPatches& x, int32_t* out,
                           int64_t out_stride);

/// Portable kernel (scalar popcount).
void MvmKernelScalar(const PackedWeights& w, const PackedPatches& x, int32_t* out,
                     int64_t out_stride);

/// The fastest kernel this CPU runs (AVX-512 VPOPCNTDQ when present).
MvmKernel BestMvmKernel();

}  // namespace cim
