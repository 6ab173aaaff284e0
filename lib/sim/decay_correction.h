#pragma once
// The column sums behind the read-disturb current correction
// (tile_disturb_state.h): Σ over a patch's driven, decayed rows of
// (G/G0 − 1)·I_programmed, per column. Each column is summed in registers over
// all rows, in the given row order, with the same float operations in every
// ISA clone (the sim library is built without contraction), so the sums do
// not depend on the CPU.

#include <cstdint>

namespace cim::sim {

/// Row-shared decay, four rows at a time: out[col] = Σ over quads q in order,
/// from 0, of (a[4q]·r[4q][col] + a[4q+1]·r[4q+1][col]) +
/// (a[4q+2]·r[4q+2][col] + a[4q+3]·r[4q+3][col]). A short quad is padded with
/// a = 0 (any row pointer).
void SumRowQuads(const float* const* rows, const float* a, int64_t quads, int64_t cols, float* out);

/// Per-cell decay: out[col] = Σ over rows r in order, from 0, of
/// (ratio[r][col] − 1)·lrs[r][col].
void SumCellDecay(const float* const* ratio, const float* const* lrs, int64_t rows, int64_t cols,
                  float* out);

}  // namespace cim::sim
