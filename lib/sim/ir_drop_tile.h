#pragma once
// What a programmed tile keeps for IR drop (crossbar-model.md §5): the model,
// and for the full model the transfer matrix solved once from the realised
// cell currents (ir_drop_nodal.h).

#include <Eigen/Core>

#include "cim/sim/xbar_config.h"
#include "sim/cell_array.h"

namespace cim::sim {

struct IrDropTile {
  IrDropModel model = IrDropModel::kNone;
  /// kFull: T(row, col) = current (µA) used column col receives when physical
  /// row `row` alone is driven, rows [0, inputs·planes) (the tile's rows).
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> transfer_ua;
};

/// Prepares a tile for `config`'s model once, at programming. The full model
/// solves the tile's whole crossbar network here (~1.4 s for 256 x 256), so
/// it sees the cells as programmed: an effect that changes cell currents
/// during a run (read disturb) needs a re-solve or a correction term.
IrDropTile PrepareIrDropTile(const IrDropConfig& config, const DeviceConfig& device,
                             const TileCells& cells);

}  // namespace cim::sim
