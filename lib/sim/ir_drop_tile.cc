#include "sim/ir_drop_tile.h"

namespace cim::sim {

IrDropTile PrepareIrDropTile(const IrDropConfig& config, const DeviceConfig& device,
                             const NoiseConfig& noise, const TileCells& cells) {
  IrDropTile t;
  t.model = config.model;
  if (config.model != IrDropModel::kFull) return t;
  t.wires = {config.r_row_ohm, config.r_col_ohm, config.r_driver_ohm, config.r_sense_ohm};
  if (noise.c2c.hrs_ua > 0.0 || noise.c2c.lrs_ua > 0.0) return t;
  const RowMajorMatrixD transfer =
      NodalTransferMatrix(cells.current_ua.data(), cells.rows, cells.cols, t.wires, device.v_read_v,
                          cells.inputs * cells.planes);
  t.transfer_ua = transfer.leftCols(cells.used_cols).cast<float>();
  return t;
}

}  // namespace cim::sim
