// Pass fold_constants (see include/cim/passes/fold_constants.h).

#include "cim/passes/fold_constants.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <string>

#include "lib/passes/graph_edit.h"

namespace cim {
namespace {

std::vector<int64_t> Strides(const Shape& s) {
  std::vector<int64_t> st(s.size(), 1);
  for (size_t i = s.size(); i-- > 1;) st[i - 1] = st[i] * s[i];
  return st;
}

// Flat index into a tensor of shape `in` broadcast (right-aligned) to `out`,
// for the output element with multi-index `idx`.
int64_t BroadcastIndex(const Shape& in, const Shape& out, const std::vector<int64_t>& idx) {
  const std::vector<int64_t> st = Strides(in);
  const size_t offset = out.size() - in.size();
  int64_t flat = 0;
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i] != 1) flat += idx[offset + i] * st[i];
  return flat;
}

// out[i] = f(a[i], b[i]) with numpy broadcasting of a and b to `out_shape`.
std::vector<double> Broadcast2(const Tensor& a, const Tensor& b, const Shape& out_shape,
                               const std::function<double(double, double)>& f) {
  const int64_t n = NumElements(out_shape);
  std::vector<double> out(static_cast<size_t>(n));
  std::vector<int64_t> idx(out_shape.size(), 0);
  for (int64_t e = 0; e < n; ++e) {
    out[e] = f(a.values[BroadcastIndex(a.shape, out_shape, idx)], b.values[BroadcastIndex(b.shape, out_shape, idx)]);
    for (size_t d = out_shape.size(); d-- > 0;) {  // next multi-index, row-major
      if (++idx[d] < out_shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

double OnnxSign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

std::optional<std::function<double(double, double)>> BinaryFn(const std::string& op) {
  if (op == "Add") return [](double x, double y) { return x + y; };
  if (op == "Sub") return [](double x, double y) { return x - y; };
  if (op == "Mul") return [](double x, double y) { return x * y; };
  if (op == "Div") return [](double x, double y) { return x / y; };
  if (op == "Max") return [](double x, double y) { return std::max(x, y); };
  if (op == "Min") return [](double x, double y) { return std::min(x, y); };
  if (op == "BipolarQuant") return [](double x, double s) { return (x >= 0 ? 1.0 : -1.0) * s; };
  return std::nullopt;
}

std::optional<std::function<double(double)>> UnaryFn(const Node& n) {
  const std::string& op = n.op_type;
  if (op == "Sign") return OnnxSign;
  if (op == "Relu") return [](double x) { return std::max(x, 0.0); };
  if (op == "Neg") return [](double x) { return -x; };
  if (op == "Abs") return [](double x) { return std::fabs(x); };
  if (op == "Identity" || op == "Reshape" || op == "Flatten" || op == "Squeeze" || op == "Unsqueeze")
    return [](double x) { return x; };
  if (op == "Clip") {
    const double lo = n.GetFloat("min", -INFINITY), hi = n.GetFloat("max", INFINITY);
    return [lo, hi](double x) { return std::min(std::max(x, lo), hi); };
  }
  if (op == "Cast") {
    const int64_t to = n.GetInt("to", 1);
    if (to == 9) return [](double x) { return x != 0.0 ? 1.0 : 0.0; };  // BOOL
    if (to == 1 || to == 10 || to == 11) return [](double x) { return x; };  // float types
    return [](double x) { return std::trunc(x); };                           // integer types
  }
  return std::nullopt;
}

Tensor TransposeTensor(const Tensor& t, const std::vector<int64_t>& perm, const Shape& out_shape) {
  Tensor out;
  out.dtype = t.dtype;
  out.shape = out_shape;
  out.values.resize(t.values.size());
  const std::vector<int64_t> in_strides = Strides(t.shape);
  std::vector<int64_t> idx(out_shape.size(), 0);
  for (size_t e = 0; e < out.values.size(); ++e) {
    int64_t src = 0;
    for (size_t d = 0; d < perm.size(); ++d) src += idx[d] * in_strides[static_cast<size_t>(perm[d])];
    out.values[e] = t.values[static_cast<size_t>(src)];
    for (size_t d = out_shape.size(); d-- > 0;) {
      if (++idx[d] < out_shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

// The folded value of node n, or nullopt when n is not foldable.
std::optional<Tensor> Evaluate(const Graph& g, const Node& n) {
  if (!n.domain.empty() && n.op_type != "BipolarQuant") return std::nullopt;
  if (n.outputs.size() != 1 || n.inputs.empty()) return std::nullopt;
  for (int in : n.inputs)
    if (in >= 0 && !g.IsConstant(in)) return std::nullopt;
  const Value& out_value = g.values[n.outputs[0]];
  Tensor out;
  out.dtype = out_value.dtype;
  out.shape = out_value.shape;
  const Tensor& a = g.ConstantOf(n.inputs[0]);
  if (n.op_type == "Transpose") {
    std::vector<int64_t> perm = n.GetInts("perm");
    if (perm.empty())
      for (size_t i = a.shape.size(); i-- > 0;) perm.push_back(static_cast<int64_t>(i));
    return TransposeTensor(a, perm, out.shape);
  }
  if (n.inputs.size() == 2) {
    auto f = BinaryFn(n.op_type);
    if (!f) return std::nullopt;
    out.values = Broadcast2(a, g.ConstantOf(n.inputs[1]), out.shape, *f);
    return out;
  }
  if (n.inputs.size() != 1) return std::nullopt;
  auto f = UnaryFn(n);
  if (!f || NumElements(a.shape) != NumElements(out.shape)) return std::nullopt;
  out.values.resize(a.values.size());
  std::transform(a.values.begin(), a.values.end(), out.values.begin(), *f);
  return out;
}

}  // namespace

Status FoldConstants(Graph& g) {
  bool changed = false;
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    std::optional<Tensor> t = Evaluate(g, g.nodes[i]);
    if (!t) continue;
    const int old_value = g.nodes[i].outputs[0];
    const int folded = g.AddConstant(g.values[old_value].name, std::move(*t));
    g.ReplaceAllUses(old_value, folded);
    changed = true;
  }
  if (changed) g.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace cim
