#pragma once
// Private: node naming and topological ordering of an ONNX graph, with the
// structural checks that need the whole node list (undefined inputs, duplicate
// producers, cycles).

#include <onnx/onnx_pb.h>

#include <set>
#include <string>
#include <vector>

#include "cim/support/status.h"

namespace cim {

/// Node names for messages: the ONNX name, or "<OpType>_<index>" when empty.
std::vector<std::string> NodeNames(const onnx::GraphProto& gp);

/// Indices of gp's nodes in a topological order (the file order when it is
/// one). `defined` holds initializer and graph input names. InvalidArgument
/// (prefixed with `file`) for an input nothing defines, a name defined twice,
/// or a cycle (naming a node on it).
Result<std::vector<int>> TopologicalOrder(const onnx::GraphProto& gp, const std::vector<std::string>& names,
                                          const std::set<std::string>& defined, const std::string& file,
                                          int64_t opset);

}  // namespace cim
