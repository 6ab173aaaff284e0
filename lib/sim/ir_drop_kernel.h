#pragma once
// IR drop in the MVM kernel (crossbar-model.md §5): with wire resistance the
// column currents of a patch come from the per-cell currents of the driven
// rows and the wire model instead of from LRS counts. RunTileBatch calls
// IrDropPatchCurrents in place of its count-based currents; the ADC
// conversions then run unchanged, so ADC, calibration, statistics and all
// eleven mappings work as without IR drop.

#include <cstdint>
#include <vector>

#include "sim/ir_drop_ladder.h"
#include "sim/ir_drop_read_solver.h"
#include "sim/normal_draws.h"
#include "sim/programmed_layer.h"

namespace cim::sim {

class TileDisturbState;

/// Per-worker buffers of the IR-drop kernel.
struct IrDropScratch {
  std::vector<int32_t> rows;     // driven physical rows of one phase, ascending
  std::vector<float> noisy_row;  // C2C: one row's cell currents plus read noise
  std::vector<float> disturbed_row;  // read disturb: one row's cells as they are now
  std::vector<double> normal;       // C2C: one row's draws
  NormalDrawScratch draws;
  ColumnLadders ladders;
  NodalReadSolver read_solver;  // full model, reads on changed cells
  std::vector<uint8_t> driven;  // full model: per physical row, driven in this phase
};

/// Read currents (µA, ideal wires) of the cells on physical row `row`, one
/// per physical column: the one place the IR-drop kernel reads cell currents,
/// so an effect that changes them during a run (read disturb, §6) acts here.
inline const float* CellCurrentsOfRow(const TileCells& c, int64_t row) {
  return c.current_ua.data() + row * c.cols;
}

/// current[ph·used_cols + col] = the current (µA) used column col delivers to
/// its sense node in phase ph of the patch whose input sets are `masks`
/// ([InputSet][word], drive_masks.h). Column model with C2C: every driven
/// cell's read current gets its own Gaussian draw of `noise_key`, counter
/// (phase·rows + row)·cols + col, before the ladder (the ladder is not linear
/// in the cells, so the per-column shortcut of §4 does not apply).
/// With `disturb` (read disturb) the wires see the cells as that state holds
/// them now instead of as programmed.
/// Full model: a sum of transfer-matrix rows while the cells are as
/// programmed; with C2C, or once read disturb has changed a cell, the read's
/// own network is solved (ir_drop_read_solver.h) with every cell at its
/// current conductance and each driven cell's draw added as in the column
/// model (a noisy conductance below 0 counts as 0: an open cell). Undriven
/// cells are not read and carry no read noise.
void IrDropPatchCurrents(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                         const uint64_t* masks, uint64_t noise_key,
                         const TileDisturbState* disturb, IrDropScratch& scratch,
                         double* current);

}  // namespace cim::sim
