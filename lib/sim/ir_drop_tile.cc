#include "sim/ir_drop_tile.h"

#include "sim/ir_drop_nodal.h"

namespace cim::sim {

IrDropTile PrepareIrDropTile(const IrDropConfig& config, const DeviceConfig& device,
                             const TileCells& cells) {
  IrDropTile t;
  t.model = config.model;
  if (config.model != IrDropModel::kFull) return t;
  const WireResistances wires{config.r_row_ohm, config.r_col_ohm, config.r_driver_ohm,
                              config.r_sense_ohm};
  const RowMajorMatrixD transfer =
      NodalTransferMatrix(cells.current_ua.data(), cells.rows, cells.cols, wires, device.v_read_v,
                          cells.inputs * cells.planes);
  t.transfer_ua = transfer.leftCols(cells.used_cols).cast<float>();
  return t;
}

}  // namespace cim::sim
