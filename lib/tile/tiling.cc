#include "cim/tile/tiling.h"

#include <algorithm>
#include <string>

namespace cim {

Status TileProgram(Program& program, Mapping mapping, CrossbarGeometry geometry) {
  const MappingTraits& traits = Traits(mapping);
  const TileCapacity cap = CapacityFor(mapping, geometry.rows, geometry.cols);
  if (cap.inputs < 1 || cap.outputs < 1) {
    return InvalidArgument("crossbar " + std::to_string(geometry.rows) + "x" +
                           std::to_string(geometry.cols) + " holds no " + traits.name +
                           " weight (needs at least " + std::to_string(traits.rows_per_input) +
                           " rows and " + std::to_string(traits.cols_per_output) + " columns)");
  }
  program.mapping = mapping;
  program.geometry = geometry;
  int32_t crossbar = 0;
  for (Op& op : program.ops) {
    auto* x = std::get_if<XbarLinearOp>(&op);
    if (x == nullptr) continue;
    if (!traits.ternary && (x->ternary_weights || x->ternary_inputs)) {
      return InvalidArgument("layer \"" + x->name + "\" has ternary " +
                             (x->ternary_weights ? "weights" : "inputs") + ": mapping " +
                             traits.name + " stores only ±1; use a TNN mapping (e.g. TNN_I)");
    }
    x->mapping = mapping;
    x->tiles.clear();
    const int64_t k = x->geom.PatchSize();
    const int64_t m = x->geom.OutputsPerGroup();
    for (int64_t g = 0; g < x->geom.groups; ++g) {
      for (int64_t c0 = 0; c0 < m; c0 += cap.outputs) {
        for (int64_t r0 = 0; r0 < k; r0 += cap.inputs) {
          Tile t;
          t.group = static_cast<int32_t>(g);
          t.row_begin = static_cast<int32_t>(r0);
          t.row_count = static_cast<int32_t>(std::min(cap.inputs, k - r0));
          t.col_begin = static_cast<int32_t>(c0);
          t.col_count = static_cast<int32_t>(std::min(cap.outputs, m - c0));
          t.crossbar = crossbar++;
          x->tiles.push_back(t);
        }
      }
    }
  }
  program.num_crossbars = crossbar;
  return Status::Ok();
}

}  // namespace cim
