// Shape rules for neural-network ops: Conv, pooling, MatMul,
// BatchNormalization, reductions and Softmax.

#include <algorithm>

#include "shape_rules.h"

namespace cim {
namespace {

std::string Dims(const std::vector<int64_t>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "x" : "") + std::to_string(v[i]);
  return s;
}

// Window geometry shared by Conv and the pools: attributes with ONNX defaults,
// auto_pad resolved.
struct Window {
  std::vector<int64_t> kernel, strides, dilations, pads;
};

Result<Window> ReadWindow(const Node& n, const Shape& x, const std::vector<int64_t>& kernel) {
  const size_t sp = x.size() - 2;
  Window w;
  w.kernel = kernel;
  w.strides = n.GetInts("strides", std::vector<int64_t>(sp, 1));
  w.dilations = n.GetInts("dilations", std::vector<int64_t>(sp, 1));
  if (w.kernel.size() != sp || w.strides.size() != sp || w.dilations.size() != sp)
    return InvalidArgument("kernel_shape " + ListText(w.kernel) + ", strides " + ListText(w.strides) +
                           ", dilations " + ListText(w.dilations) + ": expected " + std::to_string(sp) +
                           " values each for input " + ShapeToString(x));
  for (size_t i = 0; i < sp; ++i)
    if (w.kernel[i] < 1 || w.strides[i] < 1 || w.dilations[i] < 1)
      return InvalidArgument("kernel_shape " + ListText(w.kernel) + ", strides " + ListText(w.strides) +
                             ", dilations " + ListText(w.dilations) + ": must all be >= 1");
  std::string auto_pad = n.GetString("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET") {
    Shape spatial(x.begin() + 2, x.end());
    CIM_ASSIGN_OR_RETURN(w.pads, AutoPads(auto_pad, spatial, w.kernel, w.strides, w.dilations));
  } else {
    w.pads = n.GetInts("pads", std::vector<int64_t>(2 * sp, 0));
  }
  if (w.pads.size() != 2 * sp)
    return InvalidArgument("pads = " + ListText(w.pads) + ": expected " + std::to_string(2 * sp) + " values");
  for (int64_t p : w.pads)
    if (p < 0) return InvalidArgument("pads = " + ListText(w.pads) + ": must be >= 0");
  return w;
}

Result<Shape> WindowOutput(const Shape& x, const Window& w, int64_t channels, bool ceil_mode) {
  const size_t sp = x.size() - 2;
  Shape out = {x[0], channels};
  std::vector<int64_t> padded(sp), effective(sp);
  for (size_t i = 0; i < sp; ++i) {
    padded[i] = x[i + 2] + w.pads[i] + w.pads[i + sp];
    effective[i] = (w.kernel[i] - 1) * w.dilations[i] + 1;
  }
  for (size_t i = 0; i < sp; ++i) {
    if (effective[i] > padded[i])
      return InvalidArgument("kernel " + Dims(w.kernel) + " (dilation " + Dims(w.dilations) +
                             ") is larger than the padded input " + Dims(padded));
    int64_t span = padded[i] - effective[i];
    int64_t o = (ceil_mode ? (span + w.strides[i] - 1) / w.strides[i] : span / w.strides[i]) + 1;
    // ONNX: with ceil_mode the last window must start inside the input or its begin padding.
    if (ceil_mode && (o - 1) * w.strides[i] >= x[i + 2] + w.pads[i]) --o;
    out.push_back(o);
  }
  return out;
}

Status NeedRankAtLeast(const Value& v, size_t rank, const char* what) {
  if (v.shape.size() < rank)
    return InvalidArgument(std::string(what) + " is " + ShapeToString(v.shape) + ", expected rank >= " +
                           std::to_string(rank));
  return Status::Ok();
}

}  // namespace

Result<std::vector<int64_t>> AutoPads(const std::string& auto_pad, const Shape& spatial_in,
                                      const std::vector<int64_t>& kernel,
                                      const std::vector<int64_t>& strides,
                                      const std::vector<int64_t>& dilations) {
  const size_t sp = spatial_in.size();
  std::vector<int64_t> pads(2 * sp, 0);
  if (auto_pad == "VALID") return pads;
  if (auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER")
    return InvalidArgument("auto_pad = \"" + auto_pad +
                           "\": expected NOTSET, SAME_UPPER, SAME_LOWER or VALID");
  for (size_t i = 0; i < sp; ++i) {
    int64_t out = (spatial_in[i] + strides[i] - 1) / strides[i];
    int64_t effective = (kernel[i] - 1) * dilations[i] + 1;
    int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] + effective - spatial_in[i]);
    int64_t small = total / 2, big = total - small;
    pads[i] = auto_pad == "SAME_UPPER" ? small : big;
    pads[i + sp] = auto_pad == "SAME_UPPER" ? big : small;
  }
  return pads;
}

Result<OutTypes> ConvRule(const Graph& g, const Node& n) {
  const Value& x = In(g, n, 0);
  const Value& w = In(g, n, 1);
  CIM_RETURN_IF_ERROR(NeedRankAtLeast(x, 3, "input X"));
  if (w.shape.size() != x.shape.size())
    return InvalidArgument("weight W is " + ShapeToString(w.shape) + ", expected rank " +
                           std::to_string(x.shape.size()) + " like input X " + ShapeToString(x.shape));
  const int64_t group = n.GetInt("group", 1);
  const int64_t out_ch = w.shape[0];
  if (group < 1 || out_ch % group != 0)
    return InvalidArgument("group = " + std::to_string(group) + " does not divide the " +
                           std::to_string(out_ch) + " output channels");
  if (x.shape[1] != w.shape[1] * group)
    return InvalidArgument("input X " + ShapeToString(x.shape) + " has " + std::to_string(x.shape[1]) +
                           " channels, weight W " + ShapeToString(w.shape) + " with group " +
                           std::to_string(group) + " expects " + std::to_string(w.shape[1] * group));
  std::vector<int64_t> kernel(w.shape.begin() + 2, w.shape.end());
  if (n.HasAttr("kernel_shape") && n.GetInts("kernel_shape") != kernel)
    return InvalidArgument("kernel_shape = " + ListText(n.GetInts("kernel_shape")) +
                           " does not match weight W " + ShapeToString(w.shape));
  if (HasInput(n, 2) && In(g, n, 2).shape != Shape{out_ch})
    return InvalidArgument("bias B is " + ShapeToString(In(g, n, 2).shape) + ", expected [" +
                           std::to_string(out_ch) + "]");
  CIM_ASSIGN_OR_RETURN(Window win, ReadWindow(n, x.shape, kernel));
  CIM_ASSIGN_OR_RETURN(Shape out, WindowOutput(x.shape, win, out_ch, false));
  return OutTypes{{x.dtype, out}};
}

Result<OutTypes> PoolRule(const Graph& g, const Node& n) {
  const Value& x = In(g, n, 0);
  CIM_RETURN_IF_ERROR(NeedRankAtLeast(x, 3, "input X"));
  if (!n.HasAttr("kernel_shape")) return InvalidArgument("missing attribute kernel_shape");
  CIM_ASSIGN_OR_RETURN(Window win, ReadWindow(n, x.shape, n.GetInts("kernel_shape")));
  CIM_ASSIGN_OR_RETURN(Shape out, WindowOutput(x.shape, win, x.shape[1], n.GetInt("ceil_mode", 0) != 0));
  // MaxPool's optional second output holds int64 indices.
  return OutTypes{{x.dtype, out}, {DType::kInt64, out}};
}

Result<OutTypes> GlobalPoolRule(const Graph& g, const Node& n) {
  const Value& x = In(g, n, 0);
  CIM_RETURN_IF_ERROR(NeedRankAtLeast(x, 3, "input X"));
  Shape out = x.shape;
  std::fill(out.begin() + 2, out.end(), 1);
  return OutTypes{{x.dtype, out}};
}

Result<OutTypes> MatMulRule(const Graph& g, const Node& n) {
  Shape a = In(g, n, 0).shape, b = In(g, n, 1).shape;
  if (a.empty() || b.empty()) return InvalidArgument("MatMul inputs must have rank >= 1");
  if (In(g, n, 0).dtype != In(g, n, 1).dtype)
    return InvalidArgument("input types differ: " + std::string(DTypeName(In(g, n, 0).dtype)) + " and " +
                           DTypeName(In(g, n, 1).dtype));
  const bool a_vec = a.size() == 1, b_vec = b.size() == 1;
  if (a_vec) a.insert(a.begin(), 1);
  if (b_vec) b.push_back(1);
  if (a.back() != b[b.size() - 2])
    return InvalidArgument("inner dims differ: A " + ShapeToString(In(g, n, 0).shape) + ", B " +
                           ShapeToString(In(g, n, 1).shape));
  CIM_ASSIGN_OR_RETURN(Shape out, BroadcastShapes(Shape(a.begin(), a.end() - 2), Shape(b.begin(), b.end() - 2)));
  if (!a_vec) out.push_back(a[a.size() - 2]);
  if (!b_vec) out.push_back(b.back());
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> BatchNormRule(const Graph& g, const Node& n) {
  const Value& x = In(g, n, 0);
  CIM_RETURN_IF_ERROR(NeedRankAtLeast(x, 2, "input X"));
  static const char* kNames[] = {"X", "scale", "B", "mean", "var"};
  for (int i = 1; i < 5; ++i)
    if (In(g, n, i).shape != Shape{x.shape[1]})
      return InvalidArgument(std::string(kNames[i]) + " is " + ShapeToString(In(g, n, i).shape) +
                             ", expected [" + std::to_string(x.shape[1]) + "] for input X " +
                             ShapeToString(x.shape));
  return OutTypes{{x.dtype, x.shape}};
}

Result<std::vector<int64_t>> ResolveReduceAxes(const Node& n, int64_t rank) {
  std::vector<int64_t> axes = n.GetInts("axes");
  if (axes.empty()) {
    if (n.GetInt("noop_with_empty_axes", 0) != 0) return axes;
    for (int64_t i = 0; i < rank; ++i) axes.push_back(i);
    return axes;
  }
  for (int64_t& a : axes) {
    CIM_ASSIGN_OR_RETURN(a, NormalizeAxis(a, rank, "axes"));
  }
  std::sort(axes.begin(), axes.end());
  if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
    return InvalidArgument("axes = " + ListText(n.GetInts("axes")) + ": repeated axis");
  return axes;
}

Result<OutTypes> ReduceRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  CIM_ASSIGN_OR_RETURN(std::vector<int64_t> axes, ResolveReduceAxes(n, static_cast<int64_t>(in.size())));
  const bool keep = n.GetInt("keepdims", 1) != 0;
  Shape out;
  for (size_t i = 0; i < in.size(); ++i) {
    bool reduced = std::binary_search(axes.begin(), axes.end(), static_cast<int64_t>(i));
    if (!reduced) out.push_back(in[i]);
    else if (keep) out.push_back(1);
  }
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> SoftmaxRule(const Graph& g, const Node& n) {
  const Value& x = In(g, n, 0);
  CIM_RETURN_IF_ERROR(NormalizeAxis(n.GetInt("axis", -1), static_cast<int64_t>(x.shape.size())).status());
  return OutTypes{{x.dtype, x.shape}};
}

}  // namespace cim
