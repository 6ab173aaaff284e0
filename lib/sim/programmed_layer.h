#pragma once
// A crossbar layer after programming: its tiles' cells and ADCs, shared
// read-only by all workers.

#include <cstdint>
#include <string>
#include <vector>

#include "cim/sim/xbar_stats.h"
#include "cim/tile/program.h"
#include "sim/adc_model.h"
#include "sim/cell_array.h"
#include "sim/ir_drop_tile.h"
#include "sim/mapping_scheme.h"

namespace cim::sim {

struct ProgrammedTile {
  Tile tile;
  TileCells cells;
  AdcModel adc;
  uint64_t c2c_key = 0;  // counter-RNG key of this tile's read noise
  IrDropTile ir_drop;
  /// Without D2D and C2C an ADC input is d·dI for an integer d in [−k, k]
  /// (a count of driven LRS cells, or the difference of two): the ADC's
  /// answer for each d, index d + k, and its level in units of dI.
  std::vector<AdcSample> count_samples;
  std::vector<double> count_level_units;
};

struct ProgrammedLayer {
  std::string name;
  int op_index = 0;
  const MappingScheme* scheme = nullptr;
  int64_t groups = 1;
  int64_t patch_size = 0;         // inputs per group
  int64_t out_channels = 0;
  int64_t outputs_per_group = 0;
  int32_t adc_levels = 0;         // histogram bins (0 for INF)
  std::vector<ProgrammedTile> tiles;
  CellStats cells;
};

/// What every tile kernel of an engine needs besides the tile.
struct KernelParams {
  double hrs_ua = 0.0, lrs_ua = 0.0, d_i_ua = 0.0;
  double c2c_var_hrs = 0.0, c2c_var_lrs = 0.0;  // σ² of the read noise per cell, µA²
  bool c2c = false;
  double r_col_ohm = 0.0;  // IR drop, column model: wire segment per row
  double v_read_v = -0.2;
};

}  // namespace cim::sim
