#pragma once
// Helpers for the IR-drop tests: one programmed tile with its IR-drop data,
// the kernel parameters of a config, and one patch's packed input sets.

#include <catch2/catch.hpp>
#include <vector>

#include "sim/cell_array.h"
#include "sim/drive_masks.h"
#include "sim/ir_drop_tile.h"
#include "sim/programmed_layer.h"
#include "sim/sim_test_util.h"

namespace cim::sim::testing {

/// Tile 0 of the dense layer of `p`, programmed as `c` says, with its IR-drop data.
inline ProgrammedTile ProgramOneTile(const Program& p, const XbarConfig& c) {
  const auto& op = std::get<XbarLinearOp>(p.ops[0]);
  ProgrammedTile t;
  t.tile = op.tiles[0];
  CellStats stats;
  Result<TileCells> cells = ProgramTileCells(op, 0, t.tile, SchemeFor(p.mapping), p.geometry,
                                             c.device, c.noise, c.seed, stats);
  REQUIRE(cells.ok());
  t.cells = std::move(cells).value();
  t.ir_drop = PrepareIrDropTile(c.ir_drop, c.device, c.noise, t.cells);
  return t;
}

/// The kernel parameters SimXbarEngine::Create derives from `c`.
inline KernelParams ParamsOf(const XbarConfig& c) {
  KernelParams kp;
  kp.hrs_ua = c.device.hrs_ua;
  kp.lrs_ua = c.device.lrs_ua;
  kp.d_i_ua = kp.lrs_ua - kp.hrs_ua;
  kp.c2c_var_hrs = c.noise.c2c.hrs_ua * c.noise.c2c.hrs_ua;
  kp.c2c_var_lrs = c.noise.c2c.lrs_ua * c.noise.c2c.lrs_ua;
  kp.c2c = kp.c2c_var_hrs > 0.0 || kp.c2c_var_lrs > 0.0;
  kp.r_col_ohm = c.ir_drop.r_col_ohm;
  kp.v_read_v = c.device.v_read_v;
  return kp;
}

/// The input sets of one patch x of k inputs (drive_masks.h).
inline std::vector<uint64_t> PackedPatch(const std::vector<int8_t>& x, int64_t k) {
  std::vector<uint64_t> masks(static_cast<size_t>(kNumInputSets * MaskWords(k)));
  PackInputSets(x.data(), k, MaskWords(k), masks.data());
  return masks;
}

}  // namespace cim::sim::testing
