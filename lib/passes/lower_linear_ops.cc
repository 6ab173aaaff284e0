// Lowering of crossbar layers, thresholds and digital linear layers.

#include <string>

#include "lib/passes/cim_nodes.h"
#include "lib/passes/conv_geometry.h"
#include "lib/passes/lowering_handlers.h"

namespace cim::passes {
namespace {

bool HasBias(const Node& n) { return n.inputs.size() > 2 && n.inputs[2] >= 0; }

}  // namespace

Status NodeError(const Graph& g, int i, const std::string& what) {
  return Unsupported(g.Where(i) + ": " + what);
}

Status LowerXbarLinear(ProgramBuilder& b, int i) {
  const Node& n = b.graph().nodes[i];
  XbarLinearOp op = XbarLinearFromNode(n);
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

Status LowerThreshold(ProgramBuilder& b, int i) {
  const Node& n = b.graph().nodes[i];
  ThresholdOp op = ThresholdFromNode(n);
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

Status LowerConv(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  if (n.inputs.size() < 2 || !g.IsConstant(n.inputs[1]) || (HasBias(n) && !g.IsConstant(n.inputs[2]))) {
    return NodeError(g, i, "weights and bias must be constants (a convolution of two activations has no tile-IR op)");
  }
  DigitalLinearOp op;
  op.name = n.name;
  CIM_ASSIGN_OR_RETURN(op.geom, ConvGeometryOf(g, i));
  op.weights = g.ConstantOf(n.inputs[1]).values;  // OIHW = (output, channel, ky, kx), the im2col order
  if (HasBias(n)) op.bias = g.ConstantOf(n.inputs[2]).values;
  if (!op.bias.empty() && static_cast<int64_t>(op.bias.size()) != op.geom.out_channels)
    return NodeError(g, i, "bias has " + std::to_string(op.bias.size()) + " values for " +
                               std::to_string(op.geom.out_channels) + " output channels");
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

// MatMul(x[1,K], B[K,M]) or Gemm in fuse_bias's normal form.
Status LowerDense(ProgramBuilder& b, int i) {
  const Graph& g = b.graph();
  const Node& n = g.nodes[i];
  if (n.op_type == "Gemm" && (n.GetInt("transA", 0) != 0 || n.GetInt("transB", 0) != 0 ||
                              n.GetFloat("alpha", 1.0) != 1.0 || n.GetFloat("beta", 1.0) != 1.0)) {
    return NodeError(g, i, "Gemm with transA=1 or a non-constant B is not supported (needs x[1,K] times a constant B)");
  }
  if (n.inputs.size() < 2 || !g.IsConstant(n.inputs[1]) || (HasBias(n) && !g.IsConstant(n.inputs[2]))) {
    return NodeError(g, i, "the weight matrix and bias must be constants (a product of two activations has no tile-IR op)");
  }
  const Shape& x = g.values[n.inputs[0]].shape;
  const Tensor& w = g.ConstantOf(n.inputs[1]);
  if (x.size() != 2 || w.shape.size() != 2 || w.shape[0] != x[1]) {
    return NodeError(g, i, "expected input [1,K] and weight [K,M], got " + ShapeToString(x) + " and " +
                               ShapeToString(w.shape) + " (flatten the input first)");
  }
  const int64_t k = w.shape[0], m = w.shape[1];
  DigitalLinearOp op;
  op.name = n.name;
  op.dense = true;
  op.geom = DenseGeometry(k, m);
  op.weights.resize(w.values.size());
  for (int64_t r = 0; r < k; ++r)
    for (int64_t c = 0; c < m; ++c) op.weights[c * k + r] = w.values[r * m + c];  // [K,M] -> [M][K]
  if (HasBias(n)) {
    const Tensor& c = g.ConstantOf(n.inputs[2]);
    if (static_cast<int64_t>(c.values.size()) != m)
      return NodeError(g, i, "bias " + ShapeToString(c.shape) + " is not one value per output (" + std::to_string(m) + ")");
    op.bias = c.values;
  }
  CIM_ASSIGN_OR_RETURN(op.input, b.TensorOf(n.inputs[0]));
  op.output = b.NewTensor(n.outputs[0]);
  b.Emit(std::move(op));
  return Status::Ok();
}

}  // namespace cim::passes
