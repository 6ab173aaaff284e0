// Pass tile (see include/cim/passes/tile_crossbar_layers.h).

#include "cim/passes/tile_crossbar_layers.h"

#include "cim/tile/tiling.h"

namespace cim {

Mapping DefaultMapping(const Program& p) {
  for (const Op& op : p.ops) {
    const auto* x = std::get_if<XbarLinearOp>(&op);
    if (x != nullptr && (x->ternary_weights || x->ternary_inputs)) return Mapping::kTnnI;
  }
  return Mapping::kBnnI;
}

Status TileCrossbarLayers(Program& p, std::optional<Mapping> requested, CrossbarGeometry geometry) {
  return TileProgram(p, requested.value_or(DefaultMapping(p)), geometry);
}

}  // namespace cim
