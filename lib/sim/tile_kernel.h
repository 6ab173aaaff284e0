#pragma once
// One tile's MVMs for a batch of patches: drive the rows each phase selects,
// form the column currents (counts of driven LRS cells + D2D deviations + C2C
// read noise), convert with the tile's ADC, recover y with the mapping's
// formula in double and round once (crossbar-model.md §2 "Ours — exactness").

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "cim/sim/xbar_stats.h"
#include "sim/normal_draws.h"
#include "sim/ir_drop_kernel.h"
#include "sim/programmed_layer.h"

namespace cim::sim {

class TileDisturbState;

/// Per-conversion arrays of one patch (noisy path), reused across patches.
struct ConversionScratch {
  std::vector<double> input, variance, normal, level, digital;
  std::vector<int32_t> code;
  std::vector<int8_t> clipped;
  NormalDrawScratch draws;
  /// Sizes every array for n conversions (and `digital` for n outputs at most).
  void Reserve(int64_t n) {
    if (static_cast<int64_t>(input.size()) >= n) return;
    const auto size = static_cast<size_t>(n);
    for (auto* v : {&input, &variance, &normal, &level, &digital}) v->resize(size);
    code.resize(size);
    clipped.resize(size);
  }
};

/// Per-worker buffers, reused across calls.
struct TileScratch {
  using RowMajorF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  std::vector<uint64_t> masks;  // [patch][InputSet][word]
  std::vector<float> subset_tables;  // D2D: subset sums of each group of 4 deviation rows
  std::vector<const float*> subset_rows;  // D2D: the table rows one patch adds up
  RowMajorF deviation[2];       // patches x used_cols: D2D current deviation per phase
  std::vector<int32_t> counts;      // [phase][used col]: driven LRS cells of one patch
  std::vector<int64_t> value_hist;  // ideal path: conversions per integer input d (index d + k)
  std::vector<double> current;      // noisy path: [phase][used col] column current, µA
  std::vector<double> variance;     // noisy path: [phase][used col] C2C variance, µA²
  ConversionScratch conversions;    // noisy path
  IrDropScratch ir_drop;            // IR drop on
};

/// A batch of patches of one tile. `patches` points at the tile's first input
/// of the first patch; consecutive patches are `patch_stride` apart.
/// Outputs are ADDED to out[p·out_stride + j] (row tiles accumulate).
struct TileBatch {
  const int8_t* patches = nullptr;
  int64_t patch_stride = 0;
  int64_t count = 0;
  int64_t first_global_patch = 0;  // noise key of patch 0
  int32_t* out = nullptr;
  int64_t out_stride = 0;
  /// Optional: the patches already packed (PackInputSets, kNumInputSets sets
  /// per patch); else the kernel packs them.
  const uint64_t* masks = nullptr;
  /// Optional, count x phases x used_cols: current added to each column in
  /// each phase of each patch (read disturb: Σ over driven rows of the
  /// disturbed minus the programmed cell current), read only for the patches
  /// whose extra_active entry is non-zero; those take the current path.
  const float* extra_current_ua = nullptr;
  const uint8_t* extra_active = nullptr;  // count entries, with extra_current_ua
  /// Optional, with IR drop: the read-disturb state the crossbar is in for
  /// this patch (count must be 1); the ladder reads its disturbed cells.
  const TileDisturbState* disturb_view = nullptr;
};

void RunTileBatch(const ProgrammedTile& tile, const MappingScheme& scheme, const KernelParams& kp,
                  const TileBatch& batch, TileScratch& scratch, AdcStats& stats);

}  // namespace cim::sim
