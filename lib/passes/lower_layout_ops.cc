// Lowering of elementwise chains, tensor-tensor ops, pooling, padding,
// transposes, reshapes and softmax.

#include <algorithm>
#include <string>

#include "lib/passes/conv_geometry.h"
#include "lib/passes/graph_edit.h"
#include "lib/passes/lowering_handlers.h"
#include "lib/passes/node_steps.h"

namespace cim::passes {
namespace {

// A one-input op whose output gets a fresh tensor.
template <typename OpT>
Status EmitUnary(ProgramBuilder& b, int i, OpT op) {
  const Node& n = b.graph().nodes[i];
  op.name = n.name;
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

std::string Join(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + "]";
}

}  // namespace

Status LowerPointwise(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  CIM_ASSIGN_OR_RETURN(NodeSteps ns, StepsForNode(g, i));
  CIM_RETURN_IF_ERROR(b.TensorOf(ns.data_value).status());
  b.EmitSteps(g.nodes[i].name, ns.data_value, g.nodes[i].outputs[0], ns.channel_axis, std::move(ns.steps));
  return Status::Ok();
}

Status LowerBinary(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const Shape& a = g.values[n.inputs[0]].shape;
  const Shape& c = g.values[n.inputs[1]].shape;
  if (a != c) {
    return NodeError(g, i, "operands " + ShapeToString(a) + " and " + ShapeToString(c) +
                               " differ in shape; only equal shapes (e.g. a residual Add) are supported");
  }
  BinaryOp op;
  op.name = n.name;
  op.kind = n.op_type == "Add" ? BinaryOp::Kind::kAdd : n.op_type == "Sub" ? BinaryOp::Kind::kSub : BinaryOp::Kind::kMul;
  CIM_ASSIGN_OR_RETURN(op.lhs, b.TensorOf(n.inputs[0]));
  CIM_ASSIGN_OR_RETURN(op.rhs, b.TensorOf(n.inputs[1]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

Status LowerPool(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const Shape& x = g.values[n.inputs[0]].shape;
  const Shape& y = g.values[n.outputs[0]].shape;
  const std::vector<int64_t> kernel = n.GetInts("kernel_shape");
  if (x.size() != 4 || kernel.size() != 2) return NodeError(g, i, "only 2-D pooling of an NCHW input is supported");
  Result<Window> win = WindowOf(n, x[2], x[3], kernel[0], kernel[1]);
  if (!win.ok()) return NodeError(g, i, win.status().message());
  if (y.size() != 4 || y[2] != win->out_h || y[3] != win->out_w) {
    return NodeError(g, i, "output " + ShapeToString(y) + " differs from the floor-mode window output " +
                               std::to_string(win->out_h) + "x" + std::to_string(win->out_w) +
                               " (ceil_mode=1 is not supported)");
  }
  PoolOp op;
  op.kind = n.op_type == "MaxPool" ? PoolOp::Kind::kMax : PoolOp::Kind::kAverage;
  op.kernel_h = win->kernel_h, op.kernel_w = win->kernel_w;
  op.stride_h = win->stride_h, op.stride_w = win->stride_w;
  op.dilation_h = win->dilation_h, op.dilation_w = win->dilation_w;
  op.pad_top = win->pad_top, op.pad_left = win->pad_left;
  op.pad_bottom = win->pad_bottom, op.pad_right = win->pad_right;
  op.count_include_pad = n.GetInt("count_include_pad", 0) != 0;
  return EmitUnary(b, i, std::move(op));
}

// GlobalAveragePool, or GlobalMaxPool as a MaxPool with the whole image as window.
Status LowerGlobalPool(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Shape& x = g.values[g.nodes[i].inputs[0]].shape;
  if (x.size() != 4) return NodeError(g, i, "only 2-D pooling of an NCHW input is supported");
  PoolOp op;
  if (g.nodes[i].op_type == "GlobalMaxPool") {
    op.kind = PoolOp::Kind::kMax;
    op.kernel_h = op.stride_h = x[2];
    op.kernel_w = op.stride_w = x[3];
  } else {
    op.kind = PoolOp::Kind::kGlobalAverage;
  }
  return EmitUnary(b, i, std::move(op));
}

// ReduceMean over the spatial axes of an NCHW tensor (Keras GlobalAveragePooling2D).
Status LowerReduceMean(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const Shape& x = g.values[n.inputs[0]].shape;
  std::vector<int64_t> axes = n.GetInts("axes");
  for (int64_t& a : axes)
    if (a < 0) a += static_cast<int64_t>(x.size());
  std::sort(axes.begin(), axes.end());
  if (x.size() != 4 || axes != std::vector<int64_t>{2, 3}) {
    return NodeError(g, i, "only ReduceMean over axes [2,3] of an NCHW input (global average pooling) is supported, got axes " +
                               Join(n.GetInts("axes")) + " of " + ShapeToString(x));
  }
  PoolOp op;
  op.kind = PoolOp::Kind::kGlobalAverage;
  if (n.GetInt("keepdims", 1) != 0) return EmitUnary(b, i, std::move(op));
  // keepdims=0: pool into {C,1,1}, then drop the unit axes.
  op.name = n.name;
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewScratchTensor(g.values[n.outputs[0]].name + "/keepdims", {x[1], 1, 1}, ValueSet::kReal);
  ReshapeOp reshape;
  reshape.name = n.name;
  reshape.input = op.output;
  b.Emit(std::move(op));
  reshape.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(reshape));
  return Status::Ok();
}

Status LowerPad(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  if (n.GetString("mode", "constant") != "constant")
    return NodeError(g, i, "mode=" + n.GetString("mode", "") + ": only constant padding is supported");
  std::vector<int64_t> pads = n.GetInts("pads");
  double value = n.GetFloat("value", 0.0);
  if (n.inputs.size() > 1 && n.inputs[1] >= 0) {  // opset >= 11 form, if the importer kept it
    if (!g.IsConstant(n.inputs[1])) return NodeError(g, i, "pads must be a constant");
    const Tensor& t = g.ConstantOf(n.inputs[1]);
    pads.assign(t.values.begin(), t.values.end());
  }
  if (n.inputs.size() > 2 && n.inputs[2] >= 0) {
    if (!g.IsConstant(n.inputs[2])) return NodeError(g, i, "the pad value must be a constant");
    value = g.ConstantOf(n.inputs[2]).values.at(0);
  }
  const size_t rank = g.values[n.inputs[0]].shape.size();
  if (pads.size() != 2 * rank || pads[0] != 0 || pads[rank] != 0)
    return NodeError(g, i, "pads " + Join(pads) + " must have 2 x rank entries and not pad the batch axis");
  if (std::any_of(pads.begin(), pads.end(), [](int64_t p) { return p < 0; }))
    return NodeError(g, i, "negative pads (cropping) are not supported");
  PadOp op;
  op.pads_begin.assign(pads.begin() + 1, pads.begin() + static_cast<int64_t>(rank));
  op.pads_end.assign(pads.begin() + static_cast<int64_t>(rank) + 1, pads.end());
  op.value = value;
  return EmitUnary(b, i, std::move(op));
}

Status LowerTranspose(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const size_t rank = g.values[n.inputs[0]].shape.size();
  std::vector<int64_t> perm = n.GetInts("perm");
  if (perm.empty())
    for (size_t a = rank; a-- > 0;) perm.push_back(static_cast<int64_t>(a));
  if (perm.size() != rank || perm[0] != 0)
    return NodeError(g, i, "perm " + Join(perm) + " moves the batch axis; only per-image permutations are supported");
  TransposeOp op;
  for (size_t a = 1; a < perm.size(); ++a) op.perm.push_back(perm[a] - 1);
  return EmitUnary(b, i, std::move(op));
}

Status LowerReshape(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const Shape& y = g.values[n.outputs[0]].shape;
  if (y.empty() || y[0] != 1)
    return NodeError(g, i, "output " + ShapeToString(y) + " does not keep the batch axis (size 1) first");
  return EmitUnary(b, i, ReshapeOp());
}

Status LowerSoftmax(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  const int64_t rank = static_cast<int64_t>(g.values[n.inputs[0]].shape.size());
  // The importer gives Softmax opset-13 semantics (one axis) whatever the opset.
  int64_t axis = n.GetInt("axis", -1);
  if (axis < 0) axis += rank;
  if (axis < 1 || axis >= rank)
    return NodeError(g, i, "softmax over axis " + std::to_string(axis) + " of a rank-" + std::to_string(rank) +
                               " input: only a non-batch axis is supported");
  SoftmaxOp op;
  op.axis = static_cast<int>(axis - 1);
  return EmitUnary(b, i, std::move(op));
}

}  // namespace cim::passes
