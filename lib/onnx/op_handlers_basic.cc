// Normalisers for elementwise ops, Identity/Dropout/Constant removal, Cast,
// Clip, Softmax and QONNX BipolarQuant.

#include <cmath>

#include "cim/graph/shape_inference.h"
#include "op_table.h"
#include "tensor_proto.h"

namespace cim {

Status OnlyFirstOutputUsed(const ImportContext& ctx, const std::vector<std::string>& outputs) {
  for (size_t i = 1; i < outputs.size(); ++i)
    if (!outputs[i].empty() && ctx.consumed.count(outputs[i]))
      return ctx.Error(StatusCode::kUnsupported, "output " + std::to_string(i) + " (\"" + outputs[i] +
                                                     "\") is used; cimc supports only the first output of " +
                                                     ctx.op_type);
  return Status::Ok();
}

Status EmitAsIs(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  return ctx.Emit(std::move(n), outputs).status();
}

Status HandleIdentity(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  ctx.Alias(outputs[0], n.inputs[0]);
  return Status::Ok();
}

Status HandleDropout(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  CIM_RETURN_IF_ERROR(OnlyFirstOutputUsed(ctx, outputs));
  // Opset 12+: training_mode is input 2; inference (false) is the default.
  if (n.inputs.size() > 2 && n.inputs[2] >= 0) {
    CIM_ASSIGN_OR_RETURN(double training, ctx.ConstScalar(n, 2, "training_mode"));
    if (training != 0)
      return ctx.Error(StatusCode::kUnsupported, "training_mode = true; cimc runs inference only");
  }
  ctx.Alias(outputs[0], n.inputs[0]);
  return Status::Ok();
}

Status HandleConstant(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  Tensor t;
  if (const auto* v = std::get_if<Tensor>(n.attrs.count("value") ? &n.attrs["value"] : nullptr)) {
    t = *v;
  } else if (n.HasAttr("value_float")) {
    t = Tensor{DType::kFloat, {}, {n.GetFloat("value_float", 0)}};
  } else if (n.HasAttr("value_int")) {
    t = Tensor{DType::kInt64, {}, {static_cast<double>(n.GetInt("value_int", 0))}};
  } else if (n.HasAttr("value_floats")) {
    const auto& fs = std::get<std::vector<double>>(n.attrs["value_floats"]);
    t = Tensor{DType::kFloat, {static_cast<int64_t>(fs.size())}, fs};
  } else if (n.HasAttr("value_ints")) {
    std::vector<int64_t> is = n.GetInts("value_ints");
    t = Tensor{DType::kInt64, {static_cast<int64_t>(is.size())}, std::vector<double>(is.begin(), is.end())};
  } else {
    return ctx.Error(StatusCode::kUnsupported,
                     "no value, value_float(s) or value_int(s) attribute; cimc does not read sparse or string "
                     "constants");
  }
  for (double& v : t.values)
    if (t.dtype == DType::kFloat) v = static_cast<double>(static_cast<float>(v));
  ctx.Alias(outputs[0], ctx.AddConstant(outputs[0], std::move(t)));
  return Status::Ok();
}

Status HandleCast(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (!n.HasAttr("to")) return ctx.Error(StatusCode::kInvalidArgument, "missing attribute to");
  Result<DType> to = IrTypeOf(static_cast<int32_t>(n.GetInt("to", 0)));
  if (!to.ok()) return ctx.Error(StatusCode::kUnsupported, "to = " + to.status().message());
  n.attrs["to"] = std::string(DTypeName(*to));
  return EmitAsIs(ctx, n, outputs);
}

Status HandleClip(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (ctx.opset >= 11) {  // min and max moved from attributes to optional inputs
    if (n.inputs.size() > 1 && n.inputs[1] >= 0) {
      CIM_ASSIGN_OR_RETURN(n.attrs["min"], ctx.ConstScalar(n, 1, "min"));
    }
    if (n.inputs.size() > 2 && n.inputs[2] >= 0) {
      CIM_ASSIGN_OR_RETURN(n.attrs["max"], ctx.ConstScalar(n, 2, "max"));
    }
    n.inputs.resize(1);
  }
  return EmitAsIs(ctx, n, outputs);
}

Status HandleSoftmax(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const Shape& in = ctx.g.values[n.inputs[0]].shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  Result<int64_t> axis = NormalizeAxis(n.GetInt("axis", ctx.opset < 13 ? 1 : -1), rank);
  if (!axis.ok()) return ctx.Error(StatusCode::kInvalidArgument, axis.status().message());
  if (ctx.opset < 13) {
    // Before opset 13 Softmax flattens axes [axis, rank) into one; that equals
    // the single-axis form only when every later axis has size 1.
    for (int64_t d = *axis + 1; d < rank; ++d)
      if (in[d] != 1)
        return ctx.Error(StatusCode::kUnsupported,
                         "axis = " + std::to_string(*axis) + " on input " + ShapeToString(in) +
                             " normalises over axes " + std::to_string(*axis) + ".." + std::to_string(rank - 1) +
                             " together (opset < 13 semantics); cimc supports this only when axis is the last "
                             "axis; re-export with opset >= 13");
  }
  n.attrs["axis"] = *axis;
  return EmitAsIs(ctx, n, outputs);
}

Status HandleBipolarQuant(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  n.domain = "qonnx.custom_op.general";  // same op in onnx.brevitas / finn.custom_op.general
  return EmitAsIs(ctx, n, outputs);
}

}  // namespace cim
