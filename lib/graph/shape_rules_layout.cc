// Shape rules for layout and indexing ops: Transpose, Reshape, Flatten,
// Squeeze, Unsqueeze, Shape, Gather, Concat, Slice, Split, Pad.

#include <algorithm>
#include <limits>

#include "shape_rules.h"

namespace cim {

Result<OutTypes> TransposeRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> perm(rank);
  for (int64_t i = 0; i < rank; ++i) perm[i] = rank - 1 - i;
  perm = n.GetInts("perm", perm);
  std::vector<bool> seen(rank, false);
  bool valid = static_cast<int64_t>(perm.size()) == rank;
  for (int64_t p : perm) {
    if (!valid || p < 0 || p >= rank || seen[p]) valid = false;
    else seen[p] = true;
  }
  if (!valid)
    return InvalidArgument("perm = " + ListText(perm) + ": not a permutation of the " +
                           std::to_string(rank) + " input axes");
  Shape out(rank);
  for (int64_t i = 0; i < rank; ++i) out[i] = in[perm[i]];
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> ReshapeRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  if (!n.HasAttr("shape")) return InvalidArgument("missing attribute shape");
  std::vector<int64_t> want = n.GetInts("shape");
  Shape out(want.size());
  int infer_at = -1;
  int64_t known = 1;
  for (size_t i = 0; i < want.size(); ++i) {
    int64_t d = want[i];
    if (d == 0 && n.GetInt("allowzero", 0) == 0) {
      if (i >= in.size())
        return InvalidArgument("shape = " + ListText(want) + ": 0 at position " + std::to_string(i) +
                               " has no input dim to copy (input " + ShapeToString(in) + ")");
      d = in[i];
    }
    if (d == -1) {
      if (infer_at >= 0) return InvalidArgument("shape = " + ListText(want) + ": more than one -1");
      infer_at = static_cast<int>(i);
      continue;
    }
    if (d < 0) return InvalidArgument("shape = " + ListText(want) + ": negative dim " + std::to_string(d));
    out[i] = d;
    if (d > 0 && known > std::numeric_limits<int64_t>::max() / d)
      return InvalidArgument("shape = " + ListText(want) + ": too many elements");
    known *= d;
  }
  const int64_t total = NumElements(in);
  if (infer_at >= 0) {
    if (known == 0 || total % known != 0)
      return InvalidArgument("shape = " + ListText(want) + ": cannot reshape " + ShapeToString(in) +
                             " (" + std::to_string(total) + " elements)");
    out[infer_at] = total / known;
  } else if (known != total) {
    return InvalidArgument("shape = " + ListText(want) + " has " + std::to_string(known) +
                           " elements, input " + ShapeToString(in) + " has " + std::to_string(total));
  }
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> FlattenRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  int64_t axis = n.GetInt("axis", 1);
  if (axis < -rank || axis > rank)
    return InvalidArgument("axis = " + std::to_string(axis) + ": must be in [" + std::to_string(-rank) +
                           ", " + std::to_string(rank) + "] for a rank-" + std::to_string(rank) + " input");
  if (axis < 0) axis += rank;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i) (i < axis ? outer : inner) *= in[i];
  return OutTypes{{In(g, n, 0).dtype, {outer, inner}}};
}

Result<OutTypes> SqueezeRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<bool> drop(rank, false);
  if (!n.HasAttr("axes")) {
    for (int64_t i = 0; i < rank; ++i) drop[i] = in[i] == 1;
  } else {
    for (int64_t a : n.GetInts("axes")) {
      CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, rank, "axes"));
      if (in[axis] != 1)
        return InvalidArgument("axes = " + ListText(n.GetInts("axes")) + ": dim " + std::to_string(axis) +
                               " of " + ShapeToString(in) + " is not 1");
      drop[axis] = true;
    }
  }
  Shape out;
  for (int64_t i = 0; i < rank; ++i)
    if (!drop[i]) out.push_back(in[i]);
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> UnsqueezeRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  if (!n.HasAttr("axes")) return InvalidArgument("missing attribute axes");
  std::vector<int64_t> axes = n.GetInts("axes");
  const int64_t rank = static_cast<int64_t>(in.size() + axes.size());
  std::vector<bool> inserted(rank, false);
  for (int64_t a : axes) {
    CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(a, rank, "axes"));
    if (inserted[axis]) return InvalidArgument("axes = " + ListText(axes) + ": repeated axis");
    inserted[axis] = true;
  }
  Shape out;
  size_t next = 0;
  for (int64_t i = 0; i < rank; ++i) out.push_back(inserted[i] ? 1 : in[next++]);
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> ShapeOpRule(const Graph& g, const Node& n) {
  const int64_t rank = static_cast<int64_t>(In(g, n, 0).shape.size());
  int64_t start = std::clamp<int64_t>(n.GetInt("start", 0), -rank, rank);
  int64_t end = std::clamp<int64_t>(n.GetInt("end", rank), -rank, rank);
  if (start < 0) start += rank;
  if (end < 0) end += rank;
  return OutTypes{{DType::kInt64, {std::max<int64_t>(0, end - start)}}};
}

Result<OutTypes> GatherRule(const Graph& g, const Node& n) {
  const Shape& data = In(g, n, 0).shape;
  if (In(g, n, 1).dtype != DType::kInt64)
    return InvalidArgument(std::string("indices are ") + DTypeName(In(g, n, 1).dtype) + ", expected int64");
  CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(n.GetInt("axis", 0), static_cast<int64_t>(data.size())));
  Shape out(data.begin(), data.begin() + axis);
  for (int64_t d : In(g, n, 1).shape) out.push_back(d);
  out.insert(out.end(), data.begin() + axis + 1, data.end());
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> ConcatRule(const Graph& g, const Node& n) {
  Shape out = In(g, n, 0).shape;
  if (!n.HasAttr("axis")) return InvalidArgument("missing attribute axis");
  CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(n.GetInt("axis", 0), static_cast<int64_t>(out.size())));
  for (size_t i = 1; i < n.inputs.size(); ++i) {
    const Value& v = In(g, n, static_cast<int>(i));
    bool fits = v.shape.size() == out.size() && v.dtype == In(g, n, 0).dtype;
    for (size_t d = 0; fits && d < out.size(); ++d) fits = d == static_cast<size_t>(axis) || v.shape[d] == out[d];
    if (!fits)
      return InvalidArgument("input " + std::to_string(i) + " is " + DTypeName(v.dtype) +
                             ShapeToString(v.shape) + ", does not fit input 0 " +
                             DTypeName(In(g, n, 0).dtype) + ShapeToString(In(g, n, 0).shape) +
                             " along axis " + std::to_string(axis));
    out[axis] += v.shape[axis];
  }
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<std::vector<SliceAxis>> ResolveSlice(const Node& n, const Shape& in) {
  const int64_t rank = static_cast<int64_t>(in.size());
  std::vector<int64_t> starts = n.GetInts("starts"), ends = n.GetInts("ends");
  std::vector<int64_t> axes = n.GetInts("axes"), steps = n.GetInts("steps");
  if (axes.empty())
    for (size_t i = 0; i < starts.size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
    return InvalidArgument("starts " + ListText(starts) + ", ends " + ListText(ends) + ", axes " +
                           ListText(axes) + ", steps " + ListText(steps) + ": lengths differ");
  std::vector<SliceAxis> out(rank);
  for (int64_t i = 0; i < rank; ++i) out[i] = {0, 1, in[i]};
  for (size_t k = 0; k < starts.size(); ++k) {
    CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(axes[k], rank, "axes"));
    const int64_t dim = in[axis], step = steps[k];
    if (step == 0) return InvalidArgument("steps = " + ListText(steps) + ": step 0");
    int64_t s = starts[k] < 0 ? starts[k] + dim : starts[k];
    int64_t e = ends[k] < 0 ? ends[k] + dim : ends[k];
    if (ends[k] >= (int64_t{1} << 62)) e = dim;  // INT64_MAX-style "to the end"
    if (step > 0) {
      s = std::clamp<int64_t>(s, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      out[axis] = {s, step, e > s ? (e - s + step - 1) / step : 0};
    } else {
      s = std::clamp<int64_t>(s, -1, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      out[axis] = {s, step, s > e ? (s - e - step - 1) / -step : 0};
    }
  }
  return out;
}

Result<OutTypes> SliceRule(const Graph& g, const Node& n) {
  CIM_ASSIGN_OR_RETURN(std::vector<SliceAxis> axes, ResolveSlice(n, In(g, n, 0).shape));
  Shape out;
  for (const auto& a : axes) out.push_back(a.length);
  return OutTypes{{In(g, n, 0).dtype, out}};
}

Result<OutTypes> SplitRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  CIM_ASSIGN_OR_RETURN(int64_t axis, NormalizeAxis(n.GetInt("axis", 0), static_cast<int64_t>(in.size())));
  std::vector<int64_t> split = n.GetInts("split");
  const int64_t parts = static_cast<int64_t>(n.outputs.size());
  if (split.empty()) {
    if (parts == 0 || in[axis] % parts != 0)
      return InvalidArgument("cannot split dim " + std::to_string(in[axis]) + " into " +
                             std::to_string(parts) + " equal parts");
    split.assign(parts, in[axis] / parts);
  }
  int64_t sum = 0;
  for (int64_t s : split) {
    if (s < 0) return InvalidArgument("split = " + ListText(split) + ": negative size");
    sum += s;
  }
  if (static_cast<int64_t>(split.size()) != parts || sum != in[axis])
    return InvalidArgument("split = " + ListText(split) + " does not cover dim " + std::to_string(in[axis]) +
                           " with " + std::to_string(parts) + " outputs");
  OutTypes outs;
  for (int64_t s : split) {
    Shape o = in;
    o[axis] = s;
    outs.push_back({In(g, n, 0).dtype, o});
  }
  return outs;
}

Result<OutTypes> PadRule(const Graph& g, const Node& n) {
  const Shape& in = In(g, n, 0).shape;
  std::vector<int64_t> pads = n.GetInts("pads");
  const size_t rank = in.size();
  if (pads.size() != 2 * rank)
    return InvalidArgument("pads = " + ListText(pads) + ": expected " + std::to_string(2 * rank) +
                           " values for a rank-" + std::to_string(rank) + " input");
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    out[i] = in[i] + pads[i] + pads[i + rank];
    if (out[i] < 0)
      return InvalidArgument("pads = " + ListText(pads) + " crop more than dim " + std::to_string(i) +
                             " of " + ShapeToString(in));
  }
  return OutTypes{{In(g, n, 0).dtype, out}};
}

}  // namespace cim
