#pragma once
// What a programmed tile keeps for IR drop (crossbar-model.md §5): the model,
// and for the full model its wires and the transfer matrix solved once from
// the realised cell currents (ir_drop_nodal.h), which reads on the cells as
// programmed use; reads on other cells solve their own network
// (ir_drop_read_solver.h).

#include <Eigen/Core>

#include "cim/sim/xbar_config.h"
#include "sim/cell_array.h"
#include "sim/ir_drop_nodal.h"

namespace cim::sim {

struct IrDropTile {
  IrDropModel model = IrDropModel::kNone;
  WireResistances wires;  // kFull
  /// kFull: T(row, col) = current (µA) used column col receives when physical
  /// row `row` alone is driven, rows [0, inputs·planes) (the tile's rows).
  /// Empty under C2C read noise: then no read sees the cells as programmed.
  Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> transfer_ua;
};

/// Prepares a tile for `config`'s model once, at programming. The full model
/// solves the tile's whole crossbar network here (~1.4 s for 256 x 256) for
/// the reads on the cells as programmed, unless `noise` has C2C read noise
/// (every read then changes the cells and is solved on its own).
IrDropTile PrepareIrDropTile(const IrDropConfig& config, const DeviceConfig& device,
                             const NoiseConfig& noise, const TileCells& cells);

}  // namespace cim::sim
