// Compiled programs run on the reference executor (exact crossbar engine)
// give the same outputs as an independent float evaluation of the original
// graph (the graph library's constant evaluator, plus ONNX-definition loops
// for Conv, MaxPool, BatchNormalization and Softmax below).

#include <cmath>
#include <random>
#include <set>

#include "cim/exec/exact_engine.h"
#include "cim/exec/executor.h"
#include "cim/graph/constant_eval.h"
#include "cim/passes/pipeline.h"
#include "lib/passes/test_models.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

const Tensor& In(const Graph& g, const Node& n, size_t i) { return g.ConstantOf(n.inputs[i]); }

Tensor RefConv(const Graph& g, const Node& n, const Shape& out_shape) {
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

Tensor RefMaxPool(const Graph& g, const Node& n, const Shape& out_shape) {
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

Tensor RefBatchNorm(const Graph& g, const Node& n) {
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

Tensor RefSoftmax(const Graph& g, const Node& n) {  // last axis of a [1, N] tensor
  Tensor y = In(g, n, 0);
  double mx = -INFINITY, sum = 0.0;
  for (double v : y.values) mx = std::max(mx, v);
  for (double& v : y.values) sum += (v = std::exp(v - mx));
  for (double& v : y.values) v /= sum;
  return y;
}

// The graph output for one input tensor (batch 1, the graph input's layout).
Doubles Evaluate(Graph g, const Doubles& input) {
  const int x = g.inputs[0];
  g.values[x].constant = Tensor{DType::kFloat, g.values[x].shape, input};
  g.inputs.clear();
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    const Shape& out_shape = g.values[n.outputs[0]].shape;
    Tensor y;
    if (n.op_type == "Conv") y = RefConv(g, n, out_shape);
    else if (n.op_type == "MaxPool") y = RefMaxPool(g, n, out_shape);
    else if (n.op_type == "BatchNormalization") y = RefBatchNorm(g, n);
    else if (n.op_type == "Softmax") y = RefSoftmax(g, n);
    else {
      REQUIRE(IsFoldable(g, i));
      Result<std::vector<Tensor>> r = EvaluateNode(g, i);
      REQUIRE(r.ok());
      y = std::move(r->front());
    }
    g.values[n.outputs[0]].constant = std::move(y);
  }
  return g.values[g.outputs[0]].constant->values;
}

// Runs `images` (HWC bytes, n of them) through the compiled program and
// through the float graph; returns the largest absolute difference.
double MaxDifference(const Graph& g, int64_t h, int64_t w, int64_t c, int n, Mapping* mapping = nullptr) {
  CompileOptions o;
  o.input_scale = 1.0 / 255.0;
  o.input_offset = -0.5;  // centred pixels, so that first-layer signs depend on the image
  Result<Program> p = CompileGraph(g, o);
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  if (mapping) *mapping = p->mapping;
  std::mt19937 rng(7);
  std::vector<uint8_t> raw(static_cast<size_t>(n * h * w * c));
  for (uint8_t& v : raw) v = static_cast<uint8_t>(rng() % 256);
  ExactXbarEngine engine(*p, ExactKernel::kPortable);
  std::unique_ptr<XbarWorker> worker = engine.NewWorker();
  Executor exec(*p, *worker);
  Doubles out;
  REQUIRE(exec.Run(raw.data(), n, 0, &out).ok());
  const int64_t per_image = exec.OutputSize();
  double worst = 0.0;
  std::set<double> firsts;  // the outputs must depend on the image, or the test proves nothing
  for (int img = 0; img < n; ++img) {
    Doubles input(static_cast<size_t>(h * w * c));
    for (size_t i = 0; i < input.size(); ++i) input[i] = raw[img * input.size() + i] * (1.0 / 255.0) - 0.5;
    const Doubles want = Evaluate(g, input);
    REQUIRE(static_cast<int64_t>(want.size()) == per_image);
    for (int64_t k = 0; k < per_image; ++k) worst = std::max(worst, std::fabs(out[img * per_image + k] - want[k]));
    firsts.insert(want[0]);

  }
  CHECK(firsts.size() > 4);
  return worst;
}

TEST_CASE("a compiled Larq MLP computes what the float graph computes", "[end_to_end]") {
  // The reference rounds to float32 (like an ONNX runtime); thresholds make
  // the hidden layers exact integers, so only the last affine step differs.
  Mapping mapping;
  CHECK(MaxDifference(MakeLarqMlp(6, 6, 40, 10), 6, 6, 1, 25, &mapping) < 1e-5);
  CHECK(mapping == Mapping::kBnnI);
}

TEST_CASE("a compiled Larq conv model computes what the float graph computes", "[end_to_end]") {
  CHECK(MaxDifference(MakeLarqConvModel().graph, 6, 6, 2, 25) < 1e-6);
}

}  // namespace
}  // namespace cim
