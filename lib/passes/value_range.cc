// Value-range analysis (see include/cim/passes/value_range.h). Elementwise
// nodes with constants are evaluated through the same PointwiseSteps the
// lowering emits, so the analysis cannot disagree with the executor.

#include "cim/passes/value_range.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "cim/tile/pointwise.h"
#include "lib/passes/cim_nodes.h"
#include "lib/passes/graph_edit.h"
#include "lib/passes/node_steps.h"

namespace cim {
namespace {

using passes::NodeSteps;
using Kind = PointwiseStep::Kind;

bool IsInteger(double v) { return std::isfinite(v) && v == std::nearbyint(v); }
bool AllIntegers(const std::vector<double>& v) { return std::all_of(v.begin(), v.end(), IsInteger); }

// A range as an interval (finite sets become their hull).
ValueRange Hull(const ValueRange& r) {
  if (!r.finite) return r;
  return ValueRange::Interval(r.set.front(), r.set.back(), AllIntegers(r.set));
}

int64_t ChannelCount(const Graph& g, const NodeSteps& ns) {
  if (ns.channel_axis < 0) return 1;
  return g.values[ns.data_value].shape[static_cast<size_t>(ns.channel_axis) + 1];
}

bool StepKeepsIntegers(const PointwiseStep& s) {
  switch (s.kind) {
    case Kind::kAdd: case Kind::kSub: case Kind::kMul: case Kind::kMax: case Kind::kMin:
      return AllIntegers(s.c);
    case Kind::kRelu: case Kind::kNeg: case Kind::kAbs: case Kind::kSign:
      return true;
    default:
      return false;
  }
}

// One step on an interval. Every step but Abs, Sign and a reversed Div is
// monotone in x for a fixed channel, so its image is spanned by the images of
// the bounds.
ValueRange StepOnInterval(const ValueRange& in, const PointwiseStep& s, int64_t channels) {
  if (s.kind == Kind::kSign) {
    std::vector<double> out;
    if (in.lo < 0) out.push_back(-1);
    if (in.lo <= 0 && in.hi >= 0) out.push_back(0);
    if (in.hi > 0) out.push_back(1);
    return ValueRange::Of(out);
  }
  if (s.kind == Kind::kAbs) {
    const double a = std::fabs(in.lo), b = std::fabs(in.hi);
    const double lo = (in.lo <= 0 && in.hi >= 0) ? 0.0 : std::min(a, b);
    return ValueRange::Interval(lo, std::max(a, b), in.integer);
  }
  if (s.kind == Kind::kDiv && s.reversed) return ValueRange::Real();
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (int64_t c = 0; c < channels; ++c) {
    for (double x : {in.lo, in.hi}) {
      const double y = ApplyPointwiseStep(s, c, x);
      if (std::isnan(y)) return ValueRange::Real();
      lo = std::min(lo, y);
      hi = std::max(hi, y);
    }
  }
  return ValueRange::Interval(lo, hi, in.integer && StepKeepsIntegers(s));
}

ValueRange StepOnSet(const ValueRange& in, const PointwiseStep& s, int64_t channels) {
  std::vector<double> out;
  for (int64_t c = 0; c < channels; ++c) {
    for (double x : in.set) {
      const double y = ApplyPointwiseStep(s, c, x);
      if (std::isnan(y)) return ValueRange::Real();
      out.push_back(y);
    }
  }
  return ValueRange::Of(std::move(out));
}

ValueRange ApplySteps(const Graph& g, const NodeSteps& ns, ValueRange r) {
  const int64_t channels = ChannelCount(g, ns);
  for (const PointwiseStep& s : ns.steps) {
    r = r.finite ? StepOnSet(r, s, channels) : StepOnInterval(r, s, channels);
  }
  return r;
}

// Elementwise op of two non-constant tensors.
ValueRange BinaryRange(const std::string& op, const ValueRange& a, const ValueRange& b) {
  auto f = [&op](double x, double y) {
    if (op == "Add") return x + y;
    if (op == "Sub") return x - y;
    if (op == "Mul") return x * y;
    if (op == "Max") return std::max(x, y);
    return std::min(x, y);
  };
  if (a.finite && b.finite) {
    std::vector<double> out;
    for (double x : a.set)
      for (double y : b.set) out.push_back(f(x, y));
    if (std::any_of(out.begin(), out.end(), [](double v) { return std::isnan(v); })) return ValueRange::Real();
    return ValueRange::Of(std::move(out));
  }
  const ValueRange ha = Hull(a), hb = Hull(b);
  const bool integer = ha.integer && hb.integer;
  double lo, hi;
  if (op == "Add") {
    lo = ha.lo + hb.lo, hi = ha.hi + hb.hi;
  } else if (op == "Sub") {
    lo = ha.lo - hb.hi, hi = ha.hi - hb.lo;
  } else if (op == "Mul") {
    const double p[] = {ha.lo * hb.lo, ha.lo * hb.hi, ha.hi * hb.lo, ha.hi * hb.hi};
    lo = *std::min_element(std::begin(p), std::end(p));
    hi = *std::max_element(std::begin(p), std::end(p));
  } else {
    lo = f(ha.lo, hb.lo), hi = f(ha.hi, hb.hi);  // Max and Min are monotone in both
  }
  if (std::isnan(lo) || std::isnan(hi)) return ValueRange::Real();
  return ValueRange::Interval(lo, hi, integer);
}

ValueRange Union(const ValueRange& a, const ValueRange& b) {
  if (a.finite && b.finite) {
    std::vector<double> v = a.set;
    v.insert(v.end(), b.set.begin(), b.set.end());
    return ValueRange::Of(std::move(v));
  }
  const ValueRange ha = Hull(a), hb = Hull(b);
  return ValueRange::Interval(std::min(ha.lo, hb.lo), std::max(ha.hi, hb.hi), ha.integer && hb.integer);
}

double PadValue(const Graph& g, const Node& n) {
  if (n.inputs.size() > 2 && n.inputs[2] >= 0 && g.IsConstant(n.inputs[2])) {
    const Tensor& t = g.ConstantOf(n.inputs[2]);
    return t.values.empty() ? 0.0 : t.values[0];
  }
  return n.GetFloat("value", 0.0);
}

bool IsOneOf(const std::string& op, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&op](const char* n) { return op == n; });
}

ValueRange NodeRange(const Graph& g, int node_index, const std::vector<ValueRange>& r) {
  const Node& n = g.nodes[node_index];
  const std::string& op = n.op_type;
  auto in = [&](size_t i) { return r[static_cast<size_t>(n.inputs[i])]; };
  if (passes::IsCimNode(n, passes::kXbarLinearOp)) {
    const double b = static_cast<double>(passes::XbarOutputBound(n));
    return ValueRange::Interval(-b, b, true);
  }
  if (passes::IsCimNode(n, passes::kThresholdOp)) {
    std::vector<double> v;
    for (const char* key : {"low", "mid", "high"})
      for (int64_t x : n.GetInts(key)) v.push_back(static_cast<double>(x));
    return ValueRange::Of(std::move(v));
  }
  if (!n.domain.empty() && op != "BipolarQuant") return ValueRange::Real();
  if (passes::IsPointwiseNode(g, n)) {
    Result<NodeSteps> ns = passes::StepsForNode(g, node_index);
    if (!ns.ok()) return ValueRange::Real();
    return ApplySteps(g, *ns, r[static_cast<size_t>(ns->data_value)]);
  }
  if (IsOneOf(op, {"Add", "Sub", "Mul", "Max", "Min"}) && n.inputs.size() == 2) return BinaryRange(op, in(0), in(1));
  if (IsOneOf(op, {"Greater", "Less", "GreaterOrEqual", "LessOrEqual", "Equal", "Not", "And", "Or", "Xor"}))
    return ValueRange::Of({0.0, 1.0});
  if (op == "Cast") {
    if (passes::CastTargetOf(n) == passes::CastTarget::kBool) return ValueRange::Of({0.0, 1.0});
    return in(0).finite || in(0).integer ? in(0) : ValueRange::Real();
  }
  if (IsOneOf(op, {"Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Identity", "Dropout", "MaxPool",
                   "GlobalMaxPool", "ReduceMax"}))
    return in(0);
  if (op == "Pad") {
    if (n.GetString("mode", "constant") != "constant") return in(0);
    return Union(in(0), ValueRange::Of({PadValue(g, n)}));
  }
  if (IsOneOf(op, {"AveragePool", "GlobalAveragePool", "ReduceMean"})) {
    const ValueRange h = Hull(Union(in(0), ValueRange::Of({0.0})));
    return ValueRange::Interval(h.lo, h.hi, false);
  }
  if (op == "Concat") {
    ValueRange u = in(0);
    for (size_t i = 1; i < n.inputs.size(); ++i) u = Union(u, in(i));
    return u;
  }
  if (IsOneOf(op, {"Softmax", "Sigmoid"})) return ValueRange::Interval(0.0, 1.0, false);
  return ValueRange::Real();
}

}  // namespace

ValueRange ValueRange::Real() { return ValueRange(); }

ValueRange ValueRange::Interval(double lo, double hi, bool integer) {
  if (integer && std::isfinite(lo) && std::isfinite(hi) && hi - lo < static_cast<double>(kMaxFiniteValues)) {
    std::vector<double> v;
    for (double x = std::ceil(lo); x <= hi; x += 1.0) v.push_back(x);
    return Of(std::move(v));
  }
  ValueRange r;
  r.lo = lo;
  r.hi = hi;
  r.integer = integer;
  return r;
}

ValueRange ValueRange::Of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  if (values.empty()) return Real();
  if (values.size() > kMaxFiniteValues) {
    const bool integer = AllIntegers(values);
    ValueRange r;
    r.lo = values.front();
    r.hi = values.back();
    r.integer = integer;
    return r;
  }
  ValueRange r;
  r.finite = true;
  r.set = std::move(values);
  r.lo = r.set.front();
  r.hi = r.set.back();
  r.integer = AllIntegers(r.set);
  return r;
}

bool ValueRange::IsSubsetOf(const std::vector<double>& allowed) const {
  if (!finite) return false;
  return std::all_of(set.begin(), set.end(), [&](double v) {
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
  });
}

bool ValueRange::IsBoundedInteger() const {
  return integer && std::isfinite(Min()) && std::isfinite(Max());
}

std::string ValueRange::ToString() const {
  auto num = [](double v) {
    if (std::isinf(v)) return std::string(v < 0 ? "-inf" : "inf");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return std::string(buf);
  };
  if (finite) {
    std::string s = "{";
    for (size_t i = 0; i < set.size(); ++i) s += (i ? "," : "") + num(set[i]);
    return s + "}";
  }
  if (!integer && std::isinf(lo) && std::isinf(hi)) return "real";
  return std::string(integer ? "int" : "") + "[" + num(lo) + "," + num(hi) + "]";
}

namespace {

// The range of a constant in one pass, without sorting (weights have
// millions of elements): distinct values are collected until there are too
// many, then only the hull is tracked.
ValueRange OfConstant(const std::vector<double>& values) {
  std::vector<double> distinct;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool integer = true;
  for (double v : values) {
    if (std::isnan(v)) return ValueRange::Real();
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    integer = integer && IsInteger(v);
    if (distinct.size() <= kMaxFiniteValues && std::find(distinct.begin(), distinct.end(), v) == distinct.end())
      distinct.push_back(v);
  }
  if (distinct.size() <= kMaxFiniteValues) return ValueRange::Of(std::move(distinct));
  ValueRange r;
  r.lo = lo;
  r.hi = hi;
  r.integer = integer;
  return r;
}

}  // namespace

std::vector<ValueRange> AnalyseValueRanges(const Graph& g) {
  std::vector<ValueRange> r(g.values.size());
  for (size_t v = 0; v < g.values.size(); ++v)
    if (g.values[v].constant) r[v] = OfConstant(g.values[v].constant->values);
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    if (n.outputs.empty()) continue;
    r[static_cast<size_t>(n.outputs[0])] = NodeRange(g, i, r);
  }
  return r;
}

ValueSet ToValueSet(const ValueRange& r) {
  if (r.IsSubsetOf({-1.0, 1.0})) return ValueSet::kBinary;
  if (r.IsSubsetOf({-1.0, 0.0, 1.0})) return ValueSet::kTernary;
  if (r.integer) return ValueSet::kInteger;
  return ValueSet::kReal;
}

}  // namespace cim
