// Normalisers for layout ops: parameters given as constant inputs (newer
// opsets) or attributes (older ones) become explicit, normalised attributes.

#include <algorithm>

#include "cim/graph/shape_inference.h"
#include "op_table.h"

namespace cim {
namespace {

const Shape& InputShape(const ImportContext& ctx, const Node& n, int i) {
  return ctx.g.values[n.inputs[i]].shape;
}

// Normalises every axis of `axes` against `rank`, sorts, rejects repeats.
Result<std::vector<int64_t>> NormalizeAxes(const ImportContext& ctx, std::vector<int64_t> axes, int64_t rank,
                                           const std::string& what) {
  for (int64_t& a : axes) {
    Result<int64_t> r = NormalizeAxis(a, rank, what);
    if (!r.ok()) return ctx.Error(StatusCode::kInvalidArgument, r.status().message());
    a = *r;
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    return ctx.Error(StatusCode::kInvalidArgument, what + " has a repeated axis");
  return axes;
}

// `axes` from the attribute (opset < first_input_opset) or from input 1.
Result<std::vector<int64_t>> AxesParam(const ImportContext& ctx, const Node& n, int64_t first_input_opset,
                                       bool* given) {
  if (ctx.opset < first_input_opset) {
    *given = n.HasAttr("axes");
    return n.GetInts("axes");
  }
  *given = n.inputs.size() > 1 && n.inputs[1] >= 0;
  return ctx.ConstInts(n, 1, "axes");
}

}  // namespace

Status HandleReshape(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (n.inputs.size() < 2 || n.inputs[1] < 0)
    return ctx.Error(StatusCode::kInvalidArgument, "input 1 (shape) is missing");
  CIM_ASSIGN_OR_RETURN(n.attrs["shape"], ctx.ConstInts(n, 1, "shape"));
  n.inputs.resize(1);
  CIM_ASSIGN_OR_RETURN(std::vector<int> ids, ctx.Emit(std::move(n), outputs));
  if (ctx.g.values[ids[0]].producer >= 0) {  // not folded: store the resolved shape
    Node& emitted = ctx.g.nodes.back();
    emitted.attrs["shape"] = std::vector<int64_t>(ctx.g.values[ids[0]].shape);
    emitted.attrs.erase("allowzero");
  }
  return Status::Ok();
}

Status HandleFlatten(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
  int64_t axis = n.GetInt("axis", 1);
  if (axis < -rank || axis > rank)
    return ctx.Error(StatusCode::kInvalidArgument, "axis = " + std::to_string(axis) + ": must be in [" +
                                                       std::to_string(-rank) + ", " + std::to_string(rank) + "]");
  n.attrs["axis"] = axis < 0 ? axis + rank : axis;
  return EmitAsIs(ctx, n, outputs);
}

Status HandleTranspose(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  if (!n.HasAttr("perm")) {
    const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
    std::vector<int64_t> perm;
    for (int64_t i = rank - 1; i >= 0; --i) perm.push_back(i);
    n.attrs["perm"] = perm;
  }
  return EmitAsIs(ctx, n, outputs);
}

Status HandleSqueeze(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const Shape& in = InputShape(ctx, n, 0);
  bool given = false;
  CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, AxesParam(ctx, n, 13, &given));
  if (!given)
    for (size_t i = 0; i < in.size(); ++i)
      if (in[i] == 1) axes.push_back(static_cast<int64_t>(i));
  CIM_ASSIGN_OR_RETURN(n.attrs["axes"], NormalizeAxes(ctx, axes, static_cast<int64_t>(in.size()), "axes"));
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

Status HandleUnsqueeze(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  bool given = false;
  CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, AxesParam(ctx, n, 13, &given));
  if (!given) return ctx.Error(StatusCode::kInvalidArgument, "axes are missing");
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size() + axes.size());
  CIM_ASSIGN_OR_RETURN(n.attrs["axes"], NormalizeAxes(ctx, axes, rank, "axes"));
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

Status HandleAxisOp(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
  if (n.op_type == "Concat" && !n.HasAttr("axis"))
    return ctx.Error(StatusCode::kInvalidArgument, "missing attribute axis");
  Result<int64_t> axis = NormalizeAxis(n.GetInt("axis", 0), rank);
  if (!axis.ok()) return ctx.Error(StatusCode::kInvalidArgument, axis.status().message());
  n.attrs["axis"] = *axis;
  return EmitAsIs(ctx, n, outputs);
}

Status HandlePad(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const std::string mode = n.GetString("mode", "constant");
  if (mode != "constant")
    return ctx.Error(StatusCode::kUnsupported, "mode = \"" + mode + "\"; cimc supports only mode \"constant\"");
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
  std::vector<int64_t> pads = n.GetInts("pads");
  double value = n.GetFloat("value", 0.0);
  if (ctx.opset >= 11) {  // pads, constant_value and (18+) axes are inputs
    if (n.inputs.size() < 2 || n.inputs[1] < 0)
      return ctx.Error(StatusCode::kInvalidArgument, "input 1 (pads) is missing");
    CIM_ASSIGN_OR_RETURN(pads, ctx.ConstInts(n, 1, "pads"));
    if (n.inputs.size() > 2 && n.inputs[2] >= 0) {
      CIM_ASSIGN_OR_RETURN(value, ctx.ConstScalar(n, 2, "constant_value"));
    }
    if (n.inputs.size() > 3 && n.inputs[3] >= 0) {
      CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, ctx.ConstInts(n, 3, "axes"));
      if (pads.size() != 2 * axes.size())
        return ctx.Error(StatusCode::kInvalidArgument, "pads has " + std::to_string(pads.size()) +
                                                           " values for " + std::to_string(axes.size()) + " axes");
      std::vector<int64_t> full(2 * rank, 0);
      for (size_t k = 0; k < axes.size(); ++k) {
        Result<int64_t> a = NormalizeAxis(axes[k], rank, "axes");
        if (!a.ok()) return ctx.Error(StatusCode::kInvalidArgument, a.status().message());
        full[*a] = pads[k];
        full[*a + rank] = pads[k + axes.size()];
      }
      pads = full;
    }
  }
  n.attrs.erase("mode");
  n.attrs["pads"] = pads;
  n.attrs["value"] = value;
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

Status HandleSlice(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
  std::vector<int64_t> starts = n.GetInts("starts"), ends = n.GetInts("ends");
  std::vector<int64_t> axes = n.GetInts("axes"), steps;
  if (ctx.opset >= 10) {
    CIM_ASSIGN_OR_RETURN(starts, ctx.ConstInts(n, 1, "starts"));
    CIM_ASSIGN_OR_RETURN(ends, ctx.ConstInts(n, 2, "ends"));
    CIM_ASSIGN_OR_RETURN(axes, ctx.ConstInts(n, 3, "axes"));
    CIM_ASSIGN_OR_RETURN(steps, ctx.ConstInts(n, 4, "steps"));
  }
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  for (int64_t& a : axes) {
    Result<int64_t> r = NormalizeAxis(a, rank, "axes");
    if (!r.ok()) return ctx.Error(StatusCode::kInvalidArgument, r.status().message());
    a = *r;
  }
  n.attrs["starts"] = starts;
  n.attrs["ends"] = ends;
  n.attrs["axes"] = axes;
  n.attrs["steps"] = steps;
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

Status HandleSplit(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  const Shape& in = InputShape(ctx, n, 0);
  Result<int64_t> axis = NormalizeAxis(n.GetInt("axis", 0), static_cast<int64_t>(in.size()));
  if (!axis.ok()) return ctx.Error(StatusCode::kInvalidArgument, axis.status().message());
  std::vector<int64_t> split = n.GetInts("split");
  if (ctx.opset >= 13) {
    CIM_ASSIGN_OR_RETURN(split, ctx.ConstInts(n, 1, "split"));
  }
  const int64_t parts = static_cast<int64_t>(outputs.size()), dim = in[*axis];
  if (split.empty() && parts > 0) {
    // Opset 18 allows an uneven split: equal chunks of ceil(dim / parts), the last smaller.
    const int64_t chunk = dim % parts == 0 || ctx.opset < 18 ? dim / parts : (dim + parts - 1) / parts;
    split.assign(parts, chunk);
    if (ctx.opset >= 18) split.back() = dim - chunk * (parts - 1);
  }
  n.attrs.erase("num_outputs");
  n.attrs["axis"] = *axis;
  n.attrs["split"] = split;
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

Status HandleReduce(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs) {
  // axes became an input in opset 13 for ReduceSum and 18 for the others.
  const int64_t first_input_opset = n.op_type == "ReduceSum" ? 13 : 18;
  const int64_t rank = static_cast<int64_t>(InputShape(ctx, n, 0).size());
  bool given = false;
  CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, AxesParam(ctx, n, first_input_opset, &given));
  if (axes.empty()) {
    if (n.GetInt("noop_with_empty_axes", 0) != 0) {  // reduces nothing: an Identity
      ctx.Alias(outputs[0], n.inputs[0]);
      return Status::Ok();
    }
    for (int64_t i = 0; i < rank; ++i) axes.push_back(i);
  }
  CIM_ASSIGN_OR_RETURN(n.attrs["axes"], NormalizeAxes(ctx, axes, rank, "axes"));
  n.attrs["keepdims"] = n.GetInt("keepdims", 1) != 0 ? int64_t{1} : int64_t{0};
  n.attrs.erase("noop_with_empty_axes");
  n.inputs.resize(1);
  return EmitAsIs(ctx, n, outputs);
}

}  // namespace cim
