#pragma once
// Test-only: an independent float64 evaluation of a whole graph from the ONNX
// operator definitions — what "the compiled program equals the float graph"
// is checked against. No rounding to float32 anywhere, as the tile IR's
// contract is equality with a float64 evaluation of the ONNX model.

#include <algorithm>
#include <cmath>
#include <functional>

#include "lib/passes/test_support.h"

namespace cim::testing {
namespace ref {

inline std::vector<int64_t> Strides(const Shape& s) {
  std::vector<int64_t> st(s.size(), 1);
  for (size_t i = s.size(); i-- > 1;) st[i - 1] = st[i] * s[i];
  return st;
}

// Flat index into `in` broadcast (right-aligned) to `out` at multi-index idx.
inline int64_t BroadcastIndex(const Shape& in, const Shape& out, const std::vector<int64_t>& idx) {
  const std::vector<int64_t> st = Strides(in);
  const size_t offset = out.size() - in.size();
  int64_t flat = 0;
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i] != 1) flat += idx[offset + i] * st[i];
  return flat;
}

inline bool Next(std::vector<int64_t>& idx, const Shape& shape) {
  for (size_t d = shape.size(); d-- > 0;) {
    if (++idx[d] < shape[d]) return true;
    idx[d] = 0;
  }
  return false;
}

inline Tensor Broadcast2(const Tensor& a, const Tensor& b, const Shape& out_shape,
                         const std::function<double(double, double)>& f) {
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(NumElements(out_shape)))};
  std::vector<int64_t> idx(out_shape.size(), 0);
  for (double& v : y.values) {
    v = f(a.values[BroadcastIndex(a.shape, out_shape, idx)], b.values[BroadcastIndex(b.shape, out_shape, idx)]);
    Next(idx, out_shape);
  }
  return y;
}

inline double OnnxSign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }

inline const Tensor& In(const Graph& g, const Node& n, size_t i) { return g.ConstantOf(n.inputs[i]); }

inline Tensor RefConv(const Graph& g, const Node& n, const Shape& out_shape) {
  const Tensor &x = In(g, n, 0), &w = In(g, n, 1);
  const Ints pads = n.GetInts("pads", {0, 0, 0, 0}), st = n.GetInts("strides", {1, 1}), dil = n.GetInts("dilations", {1, 1});
  const int64_t groups = n.GetInt("group", 1), C = x.shape[1], H = x.shape[2], W = x.shape[3];
  const int64_t M = w.shape[0], CG = w.shape[1], KH = w.shape[2], KW = w.shape[3];
  const int64_t OH = out_shape[2], OW = out_shape[3];
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(M * OH * OW))};
  for (int64_t m = 0; m < M; ++m)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        double acc = 0.0;
        const int64_t g0 = m / (M / groups) * CG;
        for (int64_t c = 0; c < CG; ++c)
          for (int64_t ky = 0; ky < KH; ++ky)
            for (int64_t kx = 0; kx < KW; ++kx) {
              const int64_t iy = oy * st[0] - pads[0] + ky * dil[0], ix = ox * st[1] - pads[1] + kx * dil[1];
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
              acc += w.values[((m * CG + c) * KH + ky) * KW + kx] * x.values[((g0 + c) * H + iy) * W + ix];
            }
        if (n.inputs.size() > 2) acc += In(g, n, 2).values[m];
        y.values[(m * OH + oy) * OW + ox] = acc;
      }
  (void)C;
  return y;
}

inline Tensor RefMaxPool(const Graph& g, const Node& n, const Shape& out_shape) {
  const Tensor& x = In(g, n, 0);
  const Ints k = n.GetInts("kernel_shape"), st = n.GetInts("strides", {1, 1}), pads = n.GetInts("pads", {0, 0, 0, 0});
  const int64_t C = x.shape[1], H = x.shape[2], W = x.shape[3], OH = out_shape[2], OW = out_shape[3];
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(C * OH * OW))};
  for (int64_t c = 0; c < C; ++c)
    for (int64_t oy = 0; oy < OH; ++oy)
      for (int64_t ox = 0; ox < OW; ++ox) {
        double best = -INFINITY;
        for (int64_t ky = 0; ky < k[0]; ++ky)
          for (int64_t kx = 0; kx < k[1]; ++kx) {
            const int64_t iy = oy * st[0] - pads[0] + ky, ix = ox * st[1] - pads[1] + kx;
            if (iy >= 0 && iy < H && ix >= 0 && ix < W) best = std::max(best, x.values[(c * H + iy) * W + ix]);
          }
        y.values[(c * OH + oy) * OW + ox] = best;
      }
  return y;
}

inline Tensor RefBatchNorm(const Graph& g, const Node& n) {
  Tensor y = In(g, n, 0);
  const int64_t C = y.shape[1], inner = NumElements(y.shape) / C;
  const double eps = n.GetFloat("epsilon", 1e-5);
  for (int64_t c = 0; c < C; ++c)
    for (int64_t i = 0; i < inner; ++i) {
      double& v = y.values[c * inner + i];
      v = (v - In(g, n, 3).values[c]) / std::sqrt(In(g, n, 4).values[c] + eps) * In(g, n, 1).values[c] +
          In(g, n, 2).values[c];
    }
  return y;
}

inline Tensor RefSoftmax(const Graph& g, const Node& n) {  // last axis of a [1, N] tensor
  Tensor y = In(g, n, 0);
  double mx = -INFINITY, sum = 0.0;
  for (double v : y.values) mx = std::max(mx, v);
  for (double& v : y.values) sum += (v = std::exp(v - mx));
  for (double& v : y.values) v /= sum;
  return y;
}

inline Tensor RefGlobalAveragePool(const Graph& g, const Node& n, const Shape& out_shape) {
  const Tensor& x = In(g, n, 0);
  const int64_t c = x.shape[1], hw = x.shape[2] * x.shape[3];
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(c), 0.0)};
  for (int64_t ch = 0; ch < c; ++ch) {
    for (int64_t i = 0; i < hw; ++i) y.values[ch] += x.values[ch * hw + i];
    y.values[ch] /= static_cast<double>(hw);
  }
  return y;
}

inline Tensor RefTranspose(const Graph& g, const Node& n, const Shape& out_shape) {
  const Tensor& x = In(g, n, 0);
  const Ints perm = n.GetInts("perm");
  const std::vector<int64_t> st = Strides(x.shape);
  Tensor y{DType::kFloat, out_shape, Doubles(x.values.size())};
  std::vector<int64_t> idx(out_shape.size(), 0);
  for (double& v : y.values) {
    int64_t src = 0;
    for (size_t d = 0; d < perm.size(); ++d) src += idx[d] * st[static_cast<size_t>(perm[d])];
    v = x.values[static_cast<size_t>(src)];
    Next(idx, out_shape);
  }
  return y;
}

inline Tensor RefPad(const Graph& g, const Node& n, const Shape& out_shape) {
  const Tensor& x = In(g, n, 0);
  const Ints pads = n.GetInts("pads");
  const size_t r = x.shape.size();
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(NumElements(out_shape)), n.GetFloat("value", 0.0))};
  const std::vector<int64_t> ost = Strides(out_shape);
  std::vector<int64_t> idx(r, 0);
  for (double v : x.values) {
    int64_t dst = 0;
    for (size_t d = 0; d < r; ++d) dst += (idx[d] + pads[d]) * ost[d];
    y.values[static_cast<size_t>(dst)] = v;
    Next(idx, x.shape);
  }
  return y;
}

inline Tensor RefMatMul(const Graph& g, const Node& n, const Shape& out_shape) {  // [1,K] x [K,M]
  const Tensor &x = In(g, n, 0), &w = In(g, n, 1);
  const int64_t k = w.shape[0], m = w.shape[1];
  Tensor y{DType::kFloat, out_shape, Doubles(static_cast<size_t>(m), 0.0)};
  for (int64_t j = 0; j < m; ++j)
    for (int64_t i = 0; i < k; ++i) y.values[j] += x.values[i] * w.values[i * m + j];
  return y;
}

// Elementwise ops of one or two operands (numpy broadcasting).
inline Tensor RefElementwise(const Graph& g, const Node& n, const Shape& out_shape) {
  const std::string& op = n.op_type;
  const Tensor& a = In(g, n, 0);
  const Tensor one{DType::kFloat, {}, {0.0}};
  const Tensor& b = n.inputs.size() > 1 ? In(g, n, 1) : one;
  std::function<double(double, double)> f;
  if (op == "Add") f = [](double x, double c) { return x + c; };
  else if (op == "Sub") f = [](double x, double c) { return x - c; };
  else if (op == "Mul") f = [](double x, double c) { return x * c; };
  else if (op == "Div") f = [](double x, double c) { return x / c; };
  else if (op == "Sign") f = [](double x, double) { return OnnxSign(x); };
  else if (op == "Relu") f = [](double x, double) { return std::max(x, 0.0); };
  else if (op == "Greater") f = [](double x, double c) { return x > c ? 1.0 : 0.0; };
  else if (op == "Less") f = [](double x, double c) { return x < c ? 1.0 : 0.0; };
  else if (op == "Cast" || op == "Reshape" || op == "Flatten") f = [](double x, double) { return x; };
  else if (op == "BipolarQuant") f = [](double x, double s) { return (x >= 0 ? 1.0 : -1.0) * s; };
  else FAIL("reference evaluator: no rule for " << op);
  if (op == "Reshape" || op == "Flatten") return Tensor{DType::kFloat, out_shape, a.values};
  return Broadcast2(a, b, out_shape, f);
}

}  // namespace ref

/// The graph output for one input tensor (batch 1, in the graph input's
/// layout), evaluated in float64.
inline Doubles EvaluateFloat64(Graph g, const Doubles& input) {
  const int x = g.inputs[0];
  g.values[x].constant = Tensor{DType::kFloat, g.values[x].shape, input};
  for (const Node& n : g.nodes) {
    const Shape& out_shape = g.values[n.outputs[0]].shape;
    Tensor y;
    if (n.op_type == "Conv") y = ref::RefConv(g, n, out_shape);
    else if (n.op_type == "MaxPool") y = ref::RefMaxPool(g, n, out_shape);
    else if (n.op_type == "BatchNormalization") y = ref::RefBatchNorm(g, n);
    else if (n.op_type == "Softmax") y = ref::RefSoftmax(g, n);
    else if (n.op_type == "Transpose") y = ref::RefTranspose(g, n, out_shape);
    else if (n.op_type == "GlobalAveragePool") y = ref::RefGlobalAveragePool(g, n, out_shape);
    else if (n.op_type == "Pad") y = ref::RefPad(g, n, out_shape);
    else if (n.op_type == "MatMul") y = ref::RefMatMul(g, n, out_shape);
    else y = ref::RefElementwise(g, n, out_shape);
    g.values[n.outputs[0]].constant = std::move(y);
  }
  return g.values[g.outputs[0]].constant->values;
}

}  // namespace cim::testing
