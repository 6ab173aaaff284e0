// The pass list: the one place that names the passes and fixes their order.
// Adding a pass = one file + one row here + one test.

#include "cim/passes/eliminate_transposes.h"
#include "cim/passes/fold_constants.h"
#include "cim/passes/fold_thresholds.h"
#include "cim/passes/fuse_bias.h"
#include "cim/passes/lower_crossbar_layers.h"
#include "cim/passes/lower_to_program.h"
#include "cim/passes/tile_crossbar_layers.h"
#include "lib/passes/compile_state.h"

namespace cim::passes {

const std::vector<PassRow>& PassTable() {
  static const std::vector<PassRow> kPasses = {
      {"fold_constants", [](CompileState& s) { return FoldConstants(s.graph); },
       "evaluate nodes whose inputs are all constants (unfolded weight quantizers, constant transposes)"},
      {"eliminate_transposes", [](CompileState& s) { return EliminateTransposes(s.graph, s.input_layout); },
       "make an NHWC input NCHW and cancel Transpose pairs around elementwise/Pad islands"},
      {"fuse_bias", [](CompileState& s) { return FuseBias(s.graph); },
       "fold MatMul+Add and Conv+Add into the layer's bias, normalise Gemm"},
      {"lower_crossbar_layers", [](CompileState& s) { return LowerCrossbarLayers(s.graph); },
       "Conv/dense layers with {-1,0,1} inputs and {-s,0,s} weights -> crossbar layer + scale + bias"},
      {"fold_thresholds", [](CompileState& s) { return FoldThresholds(s.graph); },
       "integer crossbar output -> BN/affine chain -> quantizer (<= 3 values) -> per-channel threshold"},
      {"lower_to_program", [](CompileState& s) {
         CIM_RETURN_IF_ERROR(LowerToProgram(s.graph, s.program));
         s.program.input.layout = s.input_layout;
         s.lowered = true;
         return Status::Ok();
       },
       "translate the graph into tile-IR ops and tensors"},
      {"tile", [](CompileState& s) {
         return TileCrossbarLayers(s.program, s.options.mapping, s.options.geometry);
       },
       "choose the crossbar mapping and split every crossbar layer into tiles"},
  };
  return kPasses;
}

}  // namespace cim::passes
