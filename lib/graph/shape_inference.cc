// InferShapes: the op table of shape rules and the checks common to all ops
// (arity, absurd shapes). One row per op; the rules live in shape_rules_*.cc.

#include "cim/graph/shape_inference.h"

#include <algorithm>
#include <string_view>

#include "shape_rules.h"

namespace cim {
namespace {

struct ShapeRuleRow {
  std::string_view op;
  int min_inputs;
  int max_inputs;  // -1: variadic
  ShapeRule rule;
};

constexpr ShapeRuleRow kShapeRules[] = {
    {"Abs", 1, 1, SameAsInputRule},
    {"Add", 2, 2, BroadcastRule},
    {"And", 2, 2, LogicalRule},
    {"AveragePool", 1, 1, PoolRule},
    {"BatchNormalization", 5, 5, BatchNormRule},
    {"BipolarQuant", 2, 2, BroadcastRule},
    {"Cast", 1, 1, CastRule},
    {"Clip", 1, 1, SameAsInputRule},
    {"Concat", 1, -1, ConcatRule},
    {"Conv", 2, 3, ConvRule},
    {"Div", 2, 2, BroadcastRule},
    {"Dropout", 1, 1, DropoutRule},
    {"Equal", 2, 2, CompareRule},
    {"Flatten", 1, 1, FlattenRule},
    {"Gather", 2, 2, GatherRule},
    {"GlobalAveragePool", 1, 1, GlobalPoolRule},
    {"GlobalMaxPool", 1, 1, GlobalPoolRule},
    {"Greater", 2, 2, CompareRule},
    {"GreaterOrEqual", 2, 2, CompareRule},
    {"Identity", 1, 1, SameAsInputRule},
    {"Less", 2, 2, CompareRule},
    {"LessOrEqual", 2, 2, CompareRule},
    {"LogSoftmax", 1, 1, SoftmaxRule},
    {"MatMul", 2, 2, MatMulRule},
    {"Max", 1, -1, BroadcastRule},
    {"MaxPool", 1, 1, PoolRule},
    {"Min", 1, -1, BroadcastRule},
    {"Mul", 2, 2, BroadcastRule},
    {"Neg", 1, 1, SameAsInputRule},
    {"Not", 1, 1, NotRule},
    {"Or", 2, 2, LogicalRule},
    {"Pad", 1, 1, PadRule},
    {"ReduceMax", 1, 1, ReduceRule},
    {"ReduceMean", 1, 1, ReduceRule},
    {"ReduceSum", 1, 1, ReduceRule},
    {"Relu", 1, 1, SameAsInputRule},
    {"Reshape", 1, 1, ReshapeRule},
    {"Round", 1, 1, SameAsInputRule},
    {"Shape", 1, 1, ShapeOpRule},
    {"Sign", 1, 1, SameAsInputRule},
    {"Slice", 1, 1, SliceRule},
    {"Softmax", 1, 1, SoftmaxRule},
    {"Split", 1, 1, SplitRule},
    {"Squeeze", 1, 1, SqueezeRule},
    {"Sub", 2, 2, BroadcastRule},
    {"Transpose", 1, 1, TransposeRule},
    {"Unsqueeze", 1, 1, UnsqueezeRule},
    {"Where", 3, 3, WhereRule},
};

const ShapeRuleRow* FindRow(std::string_view op) {
  for (const auto& row : kShapeRules)
    if (row.op == op) return &row;
  return nullptr;
}

Status CheckSane(const Shape& s) {
  if (s.size() > kMaxRank)
    return InvalidArgument("output shape " + ShapeToString(s) + " has rank " +
                           std::to_string(s.size()) + ", more than " + std::to_string(kMaxRank));
  int64_t n = 1;
  for (int64_t d : s) {
    if (d < 0) return InvalidArgument("output shape " + ShapeToString(s) + " has a negative dim");
    if (d > 0 && n > kMaxElements / d)
      return InvalidArgument("output shape " + ShapeToString(s) + " has more than 2^31 elements");
    n *= d;
  }
  if (n > kMaxElements)
    return InvalidArgument("output shape " + ShapeToString(s) + " has more than 2^31 elements");
  return Status::Ok();
}

Status InferShapesUnprefixed(Graph& g, int node) {
  Node& n = g.nodes[node];
  const ShapeRuleRow* row = FindRow(n.op_type);
  if (row == nullptr) return Unsupported("no shape rule for this op");
  int present = static_cast<int>(n.inputs.size());
  while (present > 0 && n.inputs[present - 1] < 0) --present;
  if (present < row->min_inputs || (row->max_inputs >= 0 && present > row->max_inputs)) {
    std::string want = row->max_inputs < 0 ? "at least " + std::to_string(row->min_inputs)
                       : row->min_inputs == row->max_inputs
                           ? std::to_string(row->min_inputs)
                           : std::to_string(row->min_inputs) + " to " + std::to_string(row->max_inputs);
    return InvalidArgument("expected " + want + " inputs, found " + std::to_string(present));
  }
  for (int i = 0; i < row->min_inputs; ++i)
    if (n.inputs[i] < 0) return InvalidArgument("required input " + std::to_string(i) + " is missing");
  CIM_ASSIGN_OR_RETURN(OutTypes outs, row->rule(g, n));
  if (outs.size() < n.outputs.size())
    return InvalidArgument("has " + std::to_string(n.outputs.size()) + " outputs, the op defines " +
                           std::to_string(outs.size()));
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    CIM_RETURN_IF_ERROR(CheckSane(outs[i].shape));
    Value& v = g.values[n.outputs[i]];
    v.dtype = outs[i].dtype;
    v.shape = outs[i].shape;
  }
  return Status::Ok();
}

}  // namespace

std::string ListText(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

Status InferShapes(Graph& g, int node) {
  return InferShapesUnprefixed(g, node).WithPrefix(g.Where(node));
}

bool HasShapeRule(const std::string& op_type) { return FindRow(op_type) != nullptr; }

std::vector<std::string> ShapeRuleOps() {
  std::vector<std::string> ops;
  for (const auto& row : kShapeRules) ops.emplace_back(row.op);
  std::sort(ops.begin(), ops.end());
  return ops;
}

Result<Shape> BroadcastShapes(const Shape& a, const Shape& b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return InvalidArgument("cannot broadcast " + ShapeToString(a) + " with " + ShapeToString(b));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

Result<int64_t> NormalizeAxis(int64_t axis, int64_t rank, const std::string& what) {
  if (axis < -rank || axis >= rank)
    return InvalidArgument(what + " = " + std::to_string(axis) + ": must be in [" +
                           std::to_string(-rank) + ", " + std::to_string(rank - 1) + "] for a rank-" +
                           std::to_string(rank) + " input");
  return axis < 0 ? axis + rank : axis;
}

}  // namespace cim
