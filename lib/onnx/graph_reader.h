#pragma once
// Private: GraphProto -> graph IR (initializers, the graph input, nodes in
// topological order through the op table, outputs).

#include <onnx/onnx_pb.h>

#include <string>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// Reads `gp` of a model importing default-domain `opset`; messages start
/// with `file`.
Result<Graph> ReadGraph(const onnx::GraphProto& gp, const std::string& file, int64_t opset);

}  // namespace cim
