#pragma once
// Test-only helpers for the pass tests (header-only: lib/passes/*.cc other
// than *_test.cc go into the library): builders for the quantizer patterns of
// larq-onnx.md §6, and an independent scalar evaluator of the original float
// graph, written from the ONNX definitions, that the folded programs are
// checked against.

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cim/graph/graph_builder.h"
#include "cim/tile/program.h"

namespace cim::testing {

using Ints = std::vector<int64_t>;
using Doubles = std::vector<double>;

inline int Scalar(GraphBuilder& b, const std::string& name, double v) { return b.AddConst(name, {}, {v}); }

/// Larq ste_sign: Sign → Add(0.1f) → Sign.
inline int SteSign(GraphBuilder& b, int x, const std::string& scope) {
  const int s = b.AddOp("Sign", {x}, {}, scope + "/Sign");
  const int a = b.AddOp("Add", {s, Scalar(b, scope + "/0.1", static_cast<float>(0.1))}, {}, scope + "/add");
  return b.AddOp("Sign", {a}, {}, scope + "/Sign_1");
}

/// Larq ste_tern: Sign(Add(Sign(Add(x, t)), Sign(Sub(x, t)))).
inline int SteTern(GraphBuilder& b, int x, double t, const std::string& scope) {
  const int c = Scalar(b, scope + "/t", t);
  const int a = b.AddOp("Add", {x, c}, {}, scope + "/add");
  const int s = b.AddOp("Sub", {x, c}, {}, scope + "/sub");
  const int sa = b.AddOp("Sign", {a}, {}, scope + "/Sign");
  const int sb = b.AddOp("Sign", {s}, {}, scope + "/Sign_1");
  const int sum = b.AddOp("Add", {sa, sb}, {}, scope + "/add_1");
  return b.AddOp("Sign", {sum}, {}, scope + "/Sign_2");
}

/// Larq ste_heaviside: Relu → Sign.
inline int Heaviside(GraphBuilder& b, int x, const std::string& scope) {
  return b.AddOp("Sign", {b.AddOp("Relu", {x}, {}, scope + "/Relu")}, {}, scope + "/Sign");
}

/// tf2onnx's opset < 9 sign: Cast(Greater(x, 0)) - Cast(Less(x, 0)).
inline int OldOpsetSign(GraphBuilder& b, int x, const std::string& scope) {
  const int zero = Scalar(b, scope + "/zero", 0.0);
  const int gt = b.AddOp("Cast", {b.AddOp("Greater", {x, zero}, {}, scope + "/Greater")}, {{"to", std::string("float")}},
                         scope + "/Cast");
  const int lt = b.AddOp("Cast", {b.AddOp("Less", {x, zero}, {}, scope + "/Less")}, {{"to", std::string("float")}},
                         scope + "/Cast_1");
  return b.AddOp("Sub", {gt, lt}, {}, scope + "/Sub");
}

/// A per-channel constant shaped [C,1,1] (conv) or [C] (dense).
inline int ChannelConst(GraphBuilder& b, const std::string& name, const Doubles& v, bool conv) {
  const int64_t c = static_cast<int64_t>(v.size());
  return b.AddConst(name, conv ? Shape{c, 1, 1} : Shape{c}, v);
}

/// BatchNormalization with per-channel parameters.
inline int BatchNorm(GraphBuilder& b, int x, const Doubles& gamma, const Doubles& beta, const Doubles& mean,
                     const Doubles& var, double eps, const std::string& name) {
  const int64_t c = static_cast<int64_t>(gamma.size());
  return b.AddOp("BatchNormalization",
                 {x, b.AddConst(name + "/gamma", {c}, gamma), b.AddConst(name + "/beta", {c}, beta),
                  b.AddConst(name + "/mean", {c}, mean), b.AddConst(name + "/var", {c}, var)},
                 {{"epsilon", eps}}, name);
}

/// Value of one element of `to` when the element of `from` in channel
/// `channel` is x, evaluating the original graph's elementwise nodes in
/// double precision from the ONNX definitions. Per-channel constants are
/// indexed by `channel`.
inline double EvalElement(const Graph& g, int from, int to, int64_t channel, double x) {
  std::map<int, double> known = {{from, x}};
  auto pick = [&](int v) {
    if (known.count(v)) return known.at(v);
    const Tensor& t = g.ConstantOf(v);
    return t.values.size() == 1 ? t.values[0] : t.values[static_cast<size_t>(channel)];
  };
  auto sign = [](double v) { return v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0; };
  for (const Node& n : g.nodes) {
    bool ready = !n.inputs.empty();
    bool reads_known = false;
    for (int v : n.inputs) {
      if (v < 0) continue;
      reads_known = reads_known || known.count(v);
      ready = ready && (known.count(v) || g.IsConstant(v));
    }
    if (!ready || !reads_known) continue;
    const std::string& op = n.op_type;
    const double a = pick(n.inputs[0]);
    const double c = n.inputs.size() > 1 ? pick(n.inputs[1]) : 0.0;
    double y = 0.0;
    if (op == "Add") y = a + c;
    else if (op == "Sub") y = a - c;
    else if (op == "Mul") y = a * c;
    else if (op == "Div") y = a / c;
    else if (op == "Sign") y = sign(a);
    else if (op == "Relu") y = a > 0 ? a : 0.0;
    else if (op == "Abs") y = std::fabs(a);
    else if (op == "Neg") y = -a;
    else if (op == "Greater") y = a > c ? 1.0 : 0.0;
    else if (op == "Less") y = a < c ? 1.0 : 0.0;
    else if (op == "BipolarQuant") y = (a >= 0 ? 1.0 : -1.0) * c;
    else if (op == "BatchNormalization")
      y = (a - pick(n.inputs[3])) / std::sqrt(pick(n.inputs[4]) + n.GetFloat("epsilon", 1e-5)) * c +
          pick(n.inputs[2]);
    else if (op == "Cast" || op == "Transpose" || op == "Identity" || op == "MaxPool" || op == "Reshape")
      y = a;  // one element: layout ops and max of equal values do not change it
    else
      FAIL("EvalElement: no rule for " << op);
    known[n.outputs[0]] = y;
    if (n.outputs[0] == to) break;
  }
  REQUIRE(known.count(to));
  return known.at(to);
}

/// Output of a ThresholdOp for channel c and input x.
inline double ApplyThreshold(const ThresholdOp& t, int64_t c, double x) {
  const size_t i = t.lower.size() == 1 ? 0 : static_cast<size_t>(c);
  return x < static_cast<double>(t.lower[i]) ? t.low[i] : x < static_cast<double>(t.upper[i]) ? t.mid[i] : t.high[i];
}

/// Checks `folded(c, x) == reference(c, x)` for every channel and every
/// integer x in [lo, hi]; returns the number of points checked.
inline int64_t CheckAllIntegers(int64_t channels, int64_t lo, int64_t hi,
                                const std::function<double(int64_t, double)>& folded,
                                const std::function<double(int64_t, double)>& reference) {
  int64_t checked = 0;
  for (int64_t c = 0; c < channels; ++c) {
    for (int64_t x = lo; x <= hi; ++x) {
      const double want = reference(c, static_cast<double>(x)), got = folded(c, static_cast<double>(x));
      if (got != want) FAIL("channel " << c << ", x = " << x << ": folded " << got << ", float graph " << want);
      ++checked;
    }
  }
  return checked;
}

/// The ops of a program of type T, in order.
template <typename T>
std::vector<const T*> OpsOf(const Program& p) {
  std::vector<const T*> out;
  for (const Op& op : p.ops)
    if (const T* t = std::get_if<T>(&op)) out.push_back(t);
  return out;
}

/// "XbarLinear,Threshold,..." : the op kinds of a program.
inline std::string OpKinds(const Program& p) {
  static const char* kNames[] = {"XbarLinear", "DigitalLinear", "Pointwise", "Threshold", "Pool",
                                 "Pad",        "Transpose",     "Reshape",   "Binary",    "Softmax"};
  std::string s;
  for (const Op& op : p.ops) s += (s.empty() ? "" : ",") + std::string(kNames[op.index()]);
  return s;
}

}  // namespace cim::testing
