#pragma once
// Shape and dtype inference for the graph IR's ONNX ops, shared by the ONNX
// importer and by GraphBuilder (tests, passes). Rules follow ONNX semantics and
// read attributes with ONNX defaults when absent; parameters that some opsets
// pass as inputs (Reshape shape, Squeeze axes, Pad pads, ...) are read from the
// canonical attribute the importer stores (see include/cim/onnx/import.h).

#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// Largest rank and element count a value may have (absurd shapes are errors).
inline constexpr size_t kMaxRank = 8;
inline constexpr int64_t kMaxElements = int64_t{1} << 31;

/// Sets dtype and shape of every output of `g.nodes[node]` from its inputs and
/// attributes. Errors carry the prefix g.Where(node): InvalidArgument when the
/// inputs or attributes do not fit (channel mismatch, kernel larger than the
/// padded input, bad axis, rank > 8, more than 2^31 elements), Unsupported when
/// the op type has no rule.
Status InferShapes(Graph& g, int node);

/// True when InferShapes knows `op_type` (default ONNX domain, or BipolarQuant).
bool HasShapeRule(const std::string& op_type);
/// Op types with a shape rule, sorted, for "supported ops" messages.
std::vector<std::string> ShapeRuleOps();

/// numpy broadcasting of two shapes; InvalidArgument "cannot broadcast [2,3]
/// with [4]" when incompatible.
Result<Shape> BroadcastShapes(const Shape& a, const Shape& b);

/// `axis` in [-rank, rank-1] mapped to [0, rank-1]; else InvalidArgument
/// "axis = 5: must be in [-4, 3] for a rank-4 input".
Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, const std::string& what = "axis");

}  // namespace cim

namespace cim {

/// Explicit ONNX `pads` ([begin..., end...]) for auto_pad "SAME_UPPER",
/// "SAME_LOWER" or "VALID" given the spatial input dims, kernel, strides and
/// dilations (SAME: output = ceil(in / stride), the odd pixel goes at the end
/// for SAME_UPPER, at the beginning for SAME_LOWER). Other values:
/// InvalidArgument naming the valid ones.
Result<std::vector<int64_t>> AutoPads(const std::string& auto_pad, const Shape& spatial_in,
                                      const std::vector<int64_t>& kernel,
                                      const std::vector<int64_t>& strides,
                                      const std::vector<int64_t>& dilations);

}  // namespace cim
