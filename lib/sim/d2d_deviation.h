#pragma once
// The D2D part of the column currents for a batch of patches: for each phase,
// (driven-row matrix) x (per-cell deviation matrix), one float GEMM per phase.

#include "sim/cell_array.h"
#include "sim/tile_kernel.h"

namespace cim::sim {

/// Fills scratch.deviation[ph] (count x used_cols) for every phase of
/// `scheme`. `masks` are the batch's packed input sets (zero inputs are
/// needed by the phase-complement shortcut). Precondition: D2D is on.
void ComputeD2dDeviations(const TileCells& cells, const MappingScheme& scheme,
                          const TileBatch& batch, const uint64_t* masks, TileScratch& scratch);

}  // namespace cim::sim
