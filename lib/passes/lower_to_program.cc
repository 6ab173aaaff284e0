// Pass lower_to_program (see include/cim/passes/lower_to_program.h): an op
// table from graph op type to the function that lowers it.

#include "cim/passes/lower_to_program.h"

#include <string>
#include <string_view>

#include "lib/passes/cim_nodes.h"
#include "lib/passes/graph_edit.h"
#include "lib/passes/lowering_handlers.h"
#include "lib/passes/node_steps.h"

namespace cim {
namespace {

using passes::ProgramBuilder;
using Handler = Status (*)(ProgramBuilder&, int);

struct LoweringRow {
  std::string_view op_type;
  Handler lower;
};

// Default-domain ops that are not elementwise chains (those are recognised
// structurally by IsPointwiseNode).
constexpr LoweringRow kLowerings[] = {
    {"Conv", passes::LowerConv},
    {"Gemm", passes::LowerDense},
    {"MatMul", passes::LowerDense},
    {"MaxPool", passes::LowerPool},
    {"AveragePool", passes::LowerPool},
    {"GlobalAveragePool", passes::LowerGlobalPool},
    {"GlobalMaxPool", passes::LowerGlobalPool},
    {"ReduceMean", passes::LowerReduceMean},
    {"Pad", passes::LowerPad},
    {"Transpose", passes::LowerTranspose},
    {"Reshape", passes::LowerReshape},
    {"Flatten", passes::LowerReshape},
    {"Squeeze", passes::LowerReshape},
    {"Unsqueeze", passes::LowerReshape},
    {"Dropout", passes::LowerReshape},
    {"Softmax", passes::LowerSoftmax},
};

std::string SupportedList() {
  std::string s;
  for (const LoweringRow& row : kLowerings) s += std::string(row.op_type) + ", ";
  return s + "Add, Sub, Mul, Div, Max, Min, Clip, Sign, Relu, Neg, Abs, Identity, BatchNormalization, BipolarQuant";
}

Status UnsupportedOp(const Graph& g, int i) {
  const std::string& op = g.nodes[i].op_type;
  std::string hint = "no tile-IR op for it; supported: " + SupportedList();
  if (op == "Greater" || op == "Less" || op == "GreaterOrEqual" || op == "LessOrEqual" || op == "Equal" ||
      op == "Cast" || op == "Not" || op == "Where") {
    hint = "comparisons are supported only inside a quantizer chain that folds into a threshold, i.e. one "
           "computed from a crossbar layer's integer output and constants alone";
  } else if (op == "LogSoftmax") {
    hint = "LogSoftmax has no tile-IR op yet; export Softmax (argmax accuracy is the same)";
  } else if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" || op == "Max" || op == "Min") {
    hint = "expected one tensor and constants, or two tensors of equal shape (Add, Sub, Mul)";
  }
  return passes::NodeError(g, i, hint);
}

Status LowerNode(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  if (passes::IsCimNode(n, passes::kXbarLinearOp)) return passes::LowerXbarLinear(b, i);
  if (passes::IsCimNode(n, passes::kThresholdOp)) return passes::LowerThreshold(b, i);
  if (passes::IsPointwiseNode(g, n)) return passes::LowerPointwise(b, i);
  if (!n.domain.empty()) return UnsupportedOp(g, i);
  const bool two_tensors = n.inputs.size() == 2 && passes::NonConstantInputs(g, n).size() == 2;
  if (two_tensors && (n.op_type == "Add" || n.op_type == "Sub" || n.op_type == "Mul")) return passes::LowerBinary(b, i);
  for (const LoweringRow& row : kLowerings)
    if (row.op_type == n.op_type) return row.lower(b, i);
  return UnsupportedOp(g, i);
}

}  // namespace

Status LowerToProgram(const Graph& g, Program& program) {
  if (g.inputs.size() != 1) {
    return Unsupported(g.source + ": the graph has " + std::to_string(g.inputs.size()) +
                       " inputs; a program takes exactly one image input");
  }
  if (g.outputs.size() != 1) {
    return Unsupported(g.source + ": the graph has " + std::to_string(g.outputs.size()) +
                       " outputs; a program produces exactly one");
  }
  const Shape& in = g.values[g.inputs[0]].shape;
  if (in.size() < 2 || in[0] != 1) {
    return Unsupported(g.source + ": input \"" + g.values[g.inputs[0]].name + "\" has shape " + ShapeToString(in) +
                       "; expected a batch axis (size 1) and at least one more axis");
  }
  program.tensors.clear();
  program.ops.clear();
  ProgramBuilder b(g, program);
  b.NewTensor(g.inputs[0]);
  program.input.shape = program.tensors[0].shape;
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) CIM_RETURN_IF_ERROR(LowerNode(b, i));
  const int out = g.outputs[0];
  if (g.IsConstant(out)) return Unsupported(g.source + ": the graph output \"" + g.values[out].name + "\" is a constant");
  CIM_ASSIGN_OR_RETURN(program.output, b.TensorOf(out));
  return Status::Ok();
}

}  // namespace cim
