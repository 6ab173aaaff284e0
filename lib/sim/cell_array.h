#pragma once
// The programmed cells of one crossbar tile (crossbar-model.md §4): the
// physical array with stuck-at faults and D2D variability drawn once, plus the
// packed forms the MVM kernel reads. The realised per-cell currents are kept
// so that effects acting on them later (IR drop §5, read disturb §6) can.

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "cim/support/status.h"
#include "cim/tile/program.h"
#include "sim/mapping_scheme.h"

namespace cim::sim {

struct TileCells {
  int64_t rows = 0, cols = 0;  // physical crossbar
  int64_t inputs = 0;          // k: logical inputs of the tile
  int64_t outputs = 0;         // m: logical outputs of the tile
  int planes = 1;              // rows per input
  int cols_per_output = 1;
  int64_t used_cols = 0;  // outputs · cols_per_output
  int words = 0;          // 64-bit words per mask of k bits

  /// Final state (after faults) of the physical cells, rows x cols row-major.
  std::vector<uint8_t> is_lrs;
  /// Realised read current (nominal of the final state + D2D, clamped at 0,
  /// times the drift factor): what IR drop reads (ir_drop_kernel.h).
  std::vector<float> current_ua;

  /// lrs_mask[(plane·words + w)·used_cols + col]: bit i of word w = the cell
  /// of input 64·w + i on `plane` in column `col` is LRS. Word-major, so the
  /// count kernel reads consecutive columns with one vector load.
  std::vector<uint64_t> lrs_mask;
  /// Per used column: LRS cells of plane 0 over all k inputs.
  std::vector<int32_t> lrs_count_plane0;

  /// Realised minus nominal current, (planes·k) x used_cols; row plane·k + i.
  /// Empty when D2D and drift are off (every deviation is then 0). Row-major: the
  /// kernel also subtracts single rows (inputs that are 0).
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> d2d_deviation_ua;
  /// Column sums of the plane-0 rows of d2d_deviation_ua.
  Eigen::RowVectorXf d2d_colsum_plane0_ua;

  /// Logical weights for the digital recovery terms: bit i of
  /// weight_plus[j·words + w] = (w_ji = +1), weight_minus likewise for −1.
  std::vector<uint64_t> weight_plus, weight_minus;
  std::vector<int32_t> weight_sum;  // Σ_i w_ji per output

  const uint64_t* LrsMaskPlane(int plane) const {
    return lrs_mask.data() + int64_t{plane} * words * used_cols;
  }
};

/// Programs tile `tile` of `op` (the op's index in the program is `op_index`)
/// on a crossbar of `geometry` as `scheme` prescribes, draws stuck-at faults
/// then D2D variability once per physical cell from `seed`, and adds the
/// cells to `stats`. Error: the tile does not fit the crossbar.
Result<TileCells> ProgramTileCells(const XbarLinearOp& op, int op_index, const Tile& tile,
                                   const MappingScheme& scheme, const CrossbarGeometry& geometry,
                                   const DeviceConfig& device, const NoiseConfig& noise,
                                   uint64_t seed, CellStats& stats);

}  // namespace cim::sim
