#include "sim/d2d_deviation.h"

#include <bit>

#include "sim/drive_masks.h"

namespace cim::sim {
namespace {

// 1.0f where input x belongs to `set`, written for a whole row so that the
// compiler vectorises the comparison.
void FillDriveRow(const int8_t* x, int64_t k, InputSet set, float* row) {
  switch (set) {
    case InputSet::kNone:
      for (int64_t i = 0; i < k; ++i) row[i] = 0.0f;
      break;
    case InputSet::kPlus:
      for (int64_t i = 0; i < k; ++i) row[i] = x[i] == 1 ? 1.0f : 0.0f;
      break;
    case InputSet::kMinus:
      for (int64_t i = 0; i < k; ++i) row[i] = x[i] == -1 ? 1.0f : 0.0f;
      break;
    case InputSet::kZero:
      for (int64_t i = 0; i < k; ++i) row[i] = x[i] == 0 ? 1.0f : 0.0f;
      break;
    case InputSet::kActive:
      for (int64_t i = 0; i < k; ++i) row[i] = x[i] != 0 ? 1.0f : 0.0f;
      break;
  }
}

void PhaseGemm(const TileCells& cells, const MappingScheme& scheme, const TileBatch& batch,
               int phase, TileScratch& scratch) {
  const int64_t k = cells.inputs;
  scratch.drive.resize(batch.count, scheme.planes * k);
  for (int64_t p = 0; p < batch.count; ++p) {
    const int8_t* x = batch.patches + p * batch.patch_stride;
    for (int plane = 0; plane < scheme.planes; ++plane) {
      FillDriveRow(x, k, scheme.drive[phase][plane], scratch.drive.row(p).data() + plane * k);
    }
  }
  scratch.deviation[phase].noalias() = scratch.drive * cells.d2d_deviation_ua;
}

// Phase 1 drives the active inputs phase 0 does not: its deviation is the
// active rows' column sum minus phase 0's, and the active rows are all rows
// but the (usually few) zero inputs.
void ComplementPhase(const TileCells& cells, const TileBatch& batch, const uint64_t* masks,
                     TileScratch& scratch) {
  const int words = cells.words;
  scratch.deviation[1].resize(batch.count, cells.used_cols);
  for (int64_t p = 0; p < batch.count; ++p) {
    auto row = scratch.deviation[1].row(p);
    row = cells.d2d_colsum_plane0_ua - scratch.deviation[0].row(p);
    const uint64_t* zero = masks + (p * kNumInputSets + static_cast<int>(InputSet::kZero)) * words;
    for (int w = 0; w < words; ++w) {
      for (uint64_t bits = zero[w]; bits != 0; bits &= bits - 1) {
        const int64_t i = int64_t{w} * 64 + std::countr_zero(bits);
        row -= cells.d2d_deviation_ua.row(i);
      }
    }
  }
}

}  // namespace

void ComputeD2dDeviations(const TileCells& cells, const MappingScheme& scheme,
                          const TileBatch& batch, const uint64_t* masks, TileScratch& scratch) {
  PhaseGemm(cells, scheme, batch, 0, scratch);
  if (scheme.phases < 2) return;
  // The complement costs one row per zero input; a GEMM costs all rows at
  // several times the speed per row. Few zeros (BNN padding): complement.
  int64_t zeros = 0;
  const int words = cells.words;
  for (int64_t p = 0; p < batch.count; ++p) {
    const uint64_t* zero = masks + (p * kNumInputSets + static_cast<int>(InputSet::kZero)) * words;
    for (int w = 0; w < words; ++w) zeros += std::popcount(zero[w]);
  }
  if (scheme.phase1_complements_phase0 && zeros * 8 <= batch.count * cells.inputs) {
    ComplementPhase(cells, batch, masks, scratch);
  } else {
    PhaseGemm(cells, scheme, batch, 1, scratch);
  }
}

}  // namespace cim::sim
