#pragma once
// The D2D part of the column currents for a batch of patches: for each phase,
// (0/1 driven-row matrix) x (per-cell deviation matrix).
//
// The drive is binary, so each product row is a subset sum of deviation rows.
// We use the "method of four Russians": per group of 4 rows, the 16 possible
// subset sums are tabulated once per batch, and each patch adds one table row
// per group — a quarter of a GEMM's additions and no multiplications.

#include "sim/cell_array.h"
#include "sim/tile_kernel.h"

namespace cim::sim {

/// Fills scratch.deviation[ph] (count x used_cols) for every phase of
/// `scheme`. `masks` are the batch's packed input sets. Precondition: D2D is on.
void ComputeD2dDeviations(const TileCells& cells, const MappingScheme& scheme,
                          const TileBatch& batch, const uint64_t* masks, TileScratch& scratch);

}  // namespace cim::sim
