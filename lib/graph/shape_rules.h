#pragma once
// Private: the shape rules behind InferShapes, one function per op family.
// A rule returns the dtype and shape of each output, with a message that has
// no location prefix (InferShapes adds the node's).

#include <vector>

#include "cim/graph/graph.h"
#include "cim/graph/shape_inference.h"

namespace cim {

struct OutType {
  DType dtype = DType::kFloat;
  Shape shape;
};
using OutTypes = std::vector<OutType>;
using ShapeRule = Result<OutTypes> (*)(const Graph& g, const Node& n);

/// Input i of n (precondition: present).
inline const Value& In(const Graph& g, const Node& n, int i) { return g.values[n.inputs[i]]; }
inline bool HasInput(const Node& n, int i) {
  return i < static_cast<int>(n.inputs.size()) && n.inputs[i] >= 0;
}
std::string ListText(const std::vector<int64_t>& v);  // "[1,2]"

// Elementwise (shape_rules_elementwise.cc)
Result<OutTypes> SameAsInputRule(const Graph& g, const Node& n);
Result<OutTypes> BroadcastRule(const Graph& g, const Node& n);
Result<OutTypes> CompareRule(const Graph& g, const Node& n);
Result<OutTypes> LogicalRule(const Graph& g, const Node& n);
Result<OutTypes> NotRule(const Graph& g, const Node& n);
Result<OutTypes> WhereRule(const Graph& g, const Node& n);
Result<OutTypes> CastRule(const Graph& g, const Node& n);
Result<OutTypes> DropoutRule(const Graph& g, const Node& n);

// Layout and indexing (shape_rules_layout.cc)
Result<OutTypes> TransposeRule(const Graph& g, const Node& n);
Result<OutTypes> ReshapeRule(const Graph& g, const Node& n);
Result<OutTypes> FlattenRule(const Graph& g, const Node& n);
Result<OutTypes> SqueezeRule(const Graph& g, const Node& n);
Result<OutTypes> UnsqueezeRule(const Graph& g, const Node& n);
Result<OutTypes> ShapeOpRule(const Graph& g, const Node& n);
Result<OutTypes> GatherRule(const Graph& g, const Node& n);
Result<OutTypes> ConcatRule(const Graph& g, const Node& n);
Result<OutTypes> SliceRule(const Graph& g, const Node& n);
Result<OutTypes> SplitRule(const Graph& g, const Node& n);
Result<OutTypes> PadRule(const Graph& g, const Node& n);

// Neural-network ops (shape_rules_nn.cc)
Result<OutTypes> ConvRule(const Graph& g, const Node& n);
Result<OutTypes> PoolRule(const Graph& g, const Node& n);
Result<OutTypes> GlobalPoolRule(const Graph& g, const Node& n);
Result<OutTypes> MatMulRule(const Graph& g, const Node& n);
Result<OutTypes> BatchNormRule(const Graph& g, const Node& n);
Result<OutTypes> ReduceRule(const Graph& g, const Node& n);
Result<OutTypes> SoftmaxRule(const Graph& g, const Node& n);

/// Resolved Slice parameters for one axis: start, step, output length.
struct SliceAxis {
  int64_t start = 0, step = 1, length = 0;
};
/// Per-axis slice parameters from the canonical attrs starts/ends/axes/steps,
/// clamped per ONNX rules; axes not named keep their full extent.
Result<std::vector<SliceAxis>> ResolveSlice(const Node& n, const Shape& in);
/// Reduce axes from attrs axes/noop_with_empty_axes, normalised and sorted.
Result<std::vector<int64_t>> ResolveReduceAxes(const Node& n, int64_t rank);

}  // namespace cim
