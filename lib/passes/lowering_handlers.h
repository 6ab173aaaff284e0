#pragma once
// Private to lower_to_program: one function per kind of graph node, each
// appending the tile-IR op(s) for node `i` to the builder. Errors name the
// node (Graph::Where).

#include "lib/passes/program_builder.h"

namespace cim::passes {

// lower_linear_ops.cc: crossbar layers, thresholds, digital linear layers.
Status LowerXbarLinear(ProgramBuilder& b, int i);
Status LowerThreshold(ProgramBuilder& b, int i);
Status LowerConv(ProgramBuilder& b, int i);
Status LowerDense(ProgramBuilder& b, int i);

// lower_layout_ops.cc: data movement, pooling, softmax, tensor-tensor ops.
Status LowerPointwise(ProgramBuilder& b, int i);
Status LowerBinary(ProgramBuilder& b, int i);
Status LowerPool(ProgramBuilder& b, int i);
Status LowerGlobalPool(ProgramBuilder& b, int i);
Status LowerReduceMean(ProgramBuilder& b, int i);
Status LowerPad(ProgramBuilder& b, int i);
Status LowerTranspose(ProgramBuilder& b, int i);
Status LowerReshape(ProgramBuilder& b, int i);
Status LowerSoftmax(ProgramBuilder& b, int i);

/// Unsupported "<where>: <what>".
Status NodeError(const Graph& g, int i, const std::string& what);

}  // namespace cim::passes
