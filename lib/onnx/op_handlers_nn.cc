// Normalisers for Conv, pooling, Gemm and BatchNormalization: explicit window
// attributes with auto_pad resolved; Gemm rewritten as MatMul [+ Add].

#include "cim/graph/graph_builder.h"
#include "cim/graph/shape_inference.h"
#include "op_table.h"

namespace cim {
namespace {

// Writes explicit strides, dilations and pads (auto_pad resolved). Leaves the
// node alone when the attribute lengths do not fit the input, so the shape rule
// reports that with its own message.
Status NormaliseWindow(const ImportContext& ctx, Node& n, const Shape& x, const std::vector<int64_t>& kernel) {
  if (x.size() < 3) return Status::Ok();
  const size_t sp = x.size() - 2;
  std::vector<int64_t> strides = n.GetInts("strides", std::vector<int64_t>(sp, 1));
  std::vector<int64_t> dilations = n.GetInts("dilations", std::vector<int64_t>(sp, 1));
  if (kernel.size() != sp || strides.size() != sp || dilations.size() != sp) return Status::Ok();
  for (size_t i = 0; i < sp; ++i)
    if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1) return Status::Ok();
  n.attrs["strides"] = strides;
  n.attrs["dilations"] = dilations;
  const std::string auto_pad = n.GetString("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET") {
    Result<std::vector<int64_t>> pads = AutoPads(auto_pad, Shape(x.begin() + 2, x.end()), kernel, strides, dilations);
    if (!pads.ok()) return ctx.Error(StatusCode::kInvalidArgument, pads.status().message());
    n.attrs["pads"] = *pads;
    n.attrs.erase("auto_pad");
  } else {
    n.attrs.erase("auto_pad");
    n.attrs["pads"] = n.GetInts("pads", std::vector<int64_t>(2 * sp, 0));
  }
  return Status::Ok();
}

int ScalarConstant(ImportContext& ctx, const std::string& name, double v) {
  return ctx.AddConstant(name, Tensor{DType::kFloat, {}, {static_cast<double>(static_cast<float>(v))}});
}

// Emits a one-output helper node of a rewrite and returns its value id.
Result<int> EmitHelper(ImportContext& ctx, const std::string& op, std::vector<int> inputs, AttrMap attrs,
                       const std::string& name) {
  Node h;
  h.name = name;
  h.op_type = op;
  h.inputs = std::move(inputs);
  h.attrs = std::move(attrs);
  CIM_ASSIGN_OR_RETURN(std::vector<int> ids, ctx.Emit(std::move(h), {name}, /*internal=*/true));
  return ids[0];
}

}  // namespace

Status HandleConv(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (n.inputs.size() < 2 || n.inputs[1] < 0)
    return ctx.Error(StatusCode::kInvalidArgument, "input 1 (W) is missing");
  const Shape& x = ctx.g.values[n.inputs[0]].shape;
  const Shape& w = ctx.g.values[n.inputs[1]].shape;
  if (w.size() == x.size() && w.size() >= 3) {
    std::vector<int64_t> kernel = n.GetInts("kernel_shape", std::vector<int64_t>(w.begin() + 2, w.end()));
    CIM_RETURN_IF_ERROR(NormaliseWindow(ctx, n, x, kernel));
    n.attrs["kernel_shape"] = kernel;
    n.attrs["group"] = n.GetInt("group", 1);
  }
  return EmitAsIs(ctx, n, outputs);
}

Status HandlePool(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  CIM_RETURN_IF_ERROR(OnlyFirstOutputUsed(ctx, outputs));  // MaxPool's Indices
  const Shape& x = ctx.g.values[n.inputs[0]].shape;
  if (n.HasAttr("kernel_shape")) CIM_RETURN_IF_ERROR(NormaliseWindow(ctx, n, x, n.GetInts("kernel_shape")));
  n.attrs["ceil_mode"] = n.GetInt("ceil_mode", 0);
  n.attrs.erase("storage_order");
  if (n.op_type == "AveragePool") n.attrs["count_include_pad"] = n.GetInt("count_include_pad", 0);
  return EmitAsIs(ctx, n, {outputs[0]});
}

Status HandleBatchNorm(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  CIM_RETURN_IF_ERROR(OnlyFirstOutputUsed(ctx, outputs));  // running mean/var (training)
  if (n.GetInt("training_mode", 0) != 0)
    return ctx.Error(StatusCode::kUnsupported, "training_mode = 1; cimc runs inference only");
  n.attrs["epsilon"] = static_cast<double>(static_cast<float>(n.GetFloat("epsilon", 1e-5)));
  n.attrs.erase("momentum");
  n.attrs.erase("training_mode");
  return EmitAsIs(ctx, n, {outputs[0]});
}

Status HandleGemm(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (n.inputs.size() < 2 || n.inputs[1] < 0)
    return ctx.Error(StatusCode::kInvalidArgument, "input 1 (B) is missing");
  for (int i = 0; i < 2; ++i)
    if (ctx.g.values[n.inputs[i]].shape.size() != 2)
      return ctx.Error(StatusCode::kInvalidArgument,
                       std::string(i == 0 ? "A" : "B") + " is " + ShapeToString(ctx.g.values[n.inputs[i]].shape) +
                           ", expected a 2-D matrix");
  const double alpha = n.GetFloat("alpha", 1.0), beta = n.GetFloat("beta", 1.0);
  const bool has_c = n.inputs.size() > 2 && n.inputs[2] >= 0;
  const AttrMap swap = {{"perm", std::vector<int64_t>{1, 0}}};
  // Transposes and scalings of constants fold away in Emit, leaving B' = alpha * B^T as [in,out].
  int a = n.inputs[0], b = n.inputs[1];
  if (n.GetInt("transA", 0) != 0) {
    CIM_ASSIGN_OR_RETURN(a, EmitHelper(ctx, "Transpose", {a}, swap, n.name + "/transpose_a"));
  }
  if (n.GetInt("transB", 0) != 0) {
    CIM_ASSIGN_OR_RETURN(b, EmitHelper(ctx, "Transpose", {b}, swap, n.name + "/transpose_b"));
  }
  if (alpha != 1.0) {
    CIM_ASSIGN_OR_RETURN(b, EmitHelper(ctx, "Mul", {b, ScalarConstant(ctx, n.name + "/alpha", alpha)}, {},
                                       n.name + "/alpha_b"));
  }
  Node mm;
  mm.name = n.name;
  mm.op_type = "MatMul";
  mm.inputs = {a, b};
  if (!has_c) return ctx.Emit(std::move(mm), outputs).status();
  CIM_ASSIGN_OR_RETURN(std::vector<int> y, ctx.Emit(std::move(mm), {n.name + "/matmul"}, /*internal=*/true));
  int c = n.inputs[2];
  if (beta != 1.0) {
    CIM_ASSIGN_OR_RETURN(c, EmitHelper(ctx, "Mul", {c, ScalarConstant(ctx, n.name + "/beta", beta)}, {},
                                       n.name + "/beta_c"));
  }
  Node add;
  add.name = n.name + "/bias";
  add.op_type = "Add";
  add.inputs = {y[0], c};
  return ctx.Emit(std::move(add), outputs).status();
}

}  // namespace cim
