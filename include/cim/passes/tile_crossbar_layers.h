#pragma once
// Pass "tile": picks the crossbar mapping and cuts every crossbar layer into
// crossbar-sized tiles (TileProgram, lib/tile).
//
// Why a pass of its own: the mapping decides capacity (rows per input,
// columns per output), and only after lowering do we know whether any layer
// has ternary weights or inputs, which a BNN mapping cannot store.

#include <optional>

#include "cim/tile/program.h"

namespace cim {

/// The mapping a program needs by default: TNN_I when any crossbar layer has
/// ternary weights or inputs, else BNN_I.
Mapping DefaultMapping(const Program& p);

/// Tiles `p` for `requested` (or DefaultMapping) on `geometry`. Errors (from
/// TileProgram): a BNN mapping for a ternary layer, naming the layer and
/// suggesting a TNN mapping; a geometry too small for the mapping.
Status TileCrossbarLayers(Program& p, std::optional<Mapping> requested, CrossbarGeometry geometry);

}  // namespace cim
