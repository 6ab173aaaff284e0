#include "lib/passes/node_steps.h"

#include <set>
#include <string>

#include "lib/passes/channel_constant.h"
#include "lib/passes/graph_edit.h"

namespace cim::passes {
namespace {

using Kind = PointwiseStep::Kind;

bool IsBinaryArithmetic(const std::string& op) {
  return op == "Add" || op == "Sub" || op == "Mul" || op == "Div" || op == "Max" || op == "Min";
}
bool IsUnaryStep(const std::string& op) {
  return op == "Sign" || op == "Relu" || op == "Neg" || op == "Abs" || op == "Identity";
}

Kind KindOf(const std::string& op) {
  if (op == "Add") return Kind::kAdd;
  if (op == "Sub") return Kind::kSub;
  if (op == "Mul") return Kind::kMul;
  if (op == "Div") return Kind::kDiv;
  if (op == "Max") return Kind::kMax;
  if (op == "Min") return Kind::kMin;
  if (op == "Sign") return Kind::kSign;
  if (op == "Relu") return Kind::kRelu;
  if (op == "Neg") return Kind::kNeg;
  return Kind::kAbs;
}

PointwiseStep Step(Kind kind, std::vector<double> c = {}, bool reversed = false) {
  PointwiseStep s;
  s.kind = kind;
  s.c = std::move(c);
  s.reversed = reversed;
  return s;
}

// A per-channel BatchNormalization parameter along per-image axis 0.
Result<std::vector<double>> BatchNormParam(const Graph& g, const Node& n, int input, int64_t channels) {
  const Tensor& t = g.ConstantOf(n.inputs[input]);
  if (static_cast<int64_t>(t.values.size()) != channels && t.values.size() != 1) {
    return Unsupported("BatchNormalization input " + std::to_string(input) + " has " +
                       std::to_string(t.values.size()) + " values for " + std::to_string(channels) +
                       " channels");
  }
  return t.values;
}

Result<NodeSteps> BatchNormSteps(const Graph& g, const Node& n) {
  NodeSteps out;
  out.data_value = n.inputs[0];
  const Shape& x = g.values[out.data_value].shape;
  if (x.size() < 2) return Unsupported("BatchNormalization needs an input of rank >= 2");
  out.channel_axis = 0;
  PointwiseStep s;
  s.kind = Kind::kBatchNorm;
  CIM_ASSIGN_OR_RETURN(s.c, BatchNormParam(g, n, 1, x[1]));
  CIM_ASSIGN_OR_RETURN(s.c2, BatchNormParam(g, n, 2, x[1]));
  CIM_ASSIGN_OR_RETURN(s.c3, BatchNormParam(g, n, 3, x[1]));
  CIM_ASSIGN_OR_RETURN(s.c4, BatchNormParam(g, n, 4, x[1]));
  s.eps = n.GetFloat("epsilon", 1e-5);
  out.steps.push_back(std::move(s));
  return out;
}

// QONNX BipolarQuant: y = (x >= 0 ? +1 : -1) * scale. ONNX Sign maps 0 to 0,
// so x >= 0 is Sign(Sign(x) + 0.5): exact, as Sign(x) is -1, 0 or +1.
Result<NodeSteps> BipolarQuantSteps(const Graph& g, const Node& n) {
  NodeSteps out;
  out.data_value = n.inputs[0];
  out.steps.push_back(Step(Kind::kSign));
  out.steps.push_back(Step(Kind::kAdd, {0.5}));
  out.steps.push_back(Step(Kind::kSign));
  CIM_ASSIGN_OR_RETURN(ChannelConstant scale,
                       AsChannelConstant(g.ConstantOf(n.inputs[1]), g.values[out.data_value].shape));
  if (scale.axis >= 0 || scale.values[0] != 1.0) {
    out.channel_axis = scale.axis;
    out.steps.push_back(Step(Kind::kMul, scale.values));
  }
  return out;
}

// Clip(x, min, max): Max with min then Min with max; absent bounds are skipped.
Result<NodeSteps> ClipSteps(const Graph& g, const Node& n) {
  NodeSteps out;
  out.data_value = n.inputs[0];
  const Shape& x = g.values[out.data_value].shape;
  const std::pair<Kind, const char*> bounds[] = {{Kind::kMax, "min"}, {Kind::kMin, "max"}};
  for (int i = 0; i < 2; ++i) {
    const size_t input = static_cast<size_t>(i) + 1;
    if (input < n.inputs.size() && n.inputs[input] >= 0) {
      CIM_ASSIGN_OR_RETURN(ChannelConstant c, AsChannelConstant(g.ConstantOf(n.inputs[input]), x));
      if (!MergeChannelAxis(out.channel_axis, c.axis)) return Unsupported("Clip bounds vary along different axes");
      out.steps.push_back(Step(bounds[i].first, c.values));
    } else if (n.HasAttr(bounds[i].second)) {  // opset < 11
      out.steps.push_back(Step(bounds[i].first, {n.GetFloat(bounds[i].second, 0.0)}));
    }
  }
  return out;
}

Result<NodeSteps> StepsOrError(const Graph& g, const Node& n) {
  const std::string& op = n.op_type;
  if (op == "BatchNormalization") return BatchNormSteps(g, n);
  if (op == "BipolarQuant") return BipolarQuantSteps(g, n);
  if (op == "Clip") return ClipSteps(g, n);
  NodeSteps out;
  if (IsUnaryStep(op)) {
    out.data_value = n.inputs[0];
    if (op != "Identity") out.steps.push_back(Step(KindOf(op)));
    return out;
  }
  // A binary arithmetic op with one constant operand, on either side.
  const bool data_first = !g.IsConstant(n.inputs[0]);
  out.data_value = n.inputs[data_first ? 0 : 1];
  const int constant = n.inputs[data_first ? 1 : 0];
  CIM_ASSIGN_OR_RETURN(ChannelConstant c,
                       AsChannelConstant(g.ConstantOf(constant), g.values[out.data_value].shape));
  out.channel_axis = c.axis;
  const bool order_matters = op == "Sub" || op == "Div";
  out.steps.push_back(Step(KindOf(op), c.values, order_matters && !data_first));
  return out;
}

}  // namespace

bool IsPointwiseNode(const Graph& g, const Node& n) {
  const std::string& op = n.op_type;
  const std::vector<int> data = NonConstantInputs(g, n);
  if (data.size() != 1 || data[0] != (IsBinaryArithmetic(op) ? data[0] : 0)) return false;
  if (n.outputs.size() != 1) return false;
  if (IsUnaryStep(op)) return n.inputs.size() == 1;
  if (IsBinaryArithmetic(op)) return n.inputs.size() == 2;
  if (op == "BatchNormalization") return n.inputs.size() == 5;
  if (op == "BipolarQuant") return n.inputs.size() == 2;
  if (op == "Clip") return n.inputs.size() <= 3;
  return false;
}

Result<NodeSteps> StepsForNode(const Graph& g, int node_index) {
  Result<NodeSteps> r = StepsOrError(g, g.nodes[node_index]);
  if (!r.ok()) return Status(r.status().code(), g.Where(node_index) + ": " + r.status().message());
  return r;
}

}  // namespace cim::passes
