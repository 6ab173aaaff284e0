// fold_thresholds: every quantizer pattern after a crossbar layer becomes a
// ThresholdOp that equals the original float graph at every integer the
// crossbar can output, in every channel.

#include <functional>

#include "cim/passes/pipeline.h"
#include "cim/tile/pointwise.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

// x:[1,K] (real) → ste_sign → MatMul(±1 W[K,M]) = the crossbar output →
// chain(...) = the graph output.
struct DenseCase {
  Graph graph;
  int xbar_out = -1;
  int out = -1;
  int64_t k = 0, m = 0;
};

Doubles BinaryWeights(int64_t n, int seed) {
  Doubles w(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) w[i] = ((i * 7 + seed) % 5) < 2 ? -1.0 : 1.0;
  return w;
}

DenseCase MakeDense(int64_t k, int64_t m, const std::function<int(GraphBuilder&, int)>& chain) {
  GraphBuilder b("test.onnx", 13);
  const int x = b.AddInput("x", {1, k});
  const int q = SteSign(b, x, "in_quant");
  DenseCase c;
  c.k = k;
  c.m = m;
  c.xbar_out = b.AddOp("MatMul", {q, b.AddConst("w", {k, m}, BinaryWeights(k * m, 3))}, {}, "dense");
  c.out = chain(b, c.xbar_out);
  b.MarkOutput(c.out);
  c.graph = std::move(b).Finish();
  return c;
}

Program Compile(const Graph& g, CompileOptions o = {}) {
  Result<Program> p = CompileGraph(g, o);
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  return std::move(p).value();
}

// Compiles the case, expects "Pointwise,XbarLinear,Threshold" and checks the
// threshold against the float graph on all of [-K, K].
ThresholdOp CheckFolded(const DenseCase& c, Mapping mapping = Mapping::kBnnI) {
  CompileOptions o;
  o.mapping = mapping;
  const Program p = Compile(c.graph, o);
  REQUIRE(OpKinds(p) == "Pointwise,XbarLinear,Threshold");
  const ThresholdOp t = *OpsOf<ThresholdOp>(p)[0];
  CHECK(t.input == OpsOf<XbarLinearOp>(p)[0]->output);
  CHECK(p.output == t.output);
  const int64_t checked = CheckAllIntegers(
      c.m, -c.k, c.k, [&](int64_t ch, double x) { return ApplyThreshold(t, ch, x); },
      [&](int64_t ch, double x) { return EvalElement(c.graph, c.xbar_out, c.out, ch, x); });
  CHECK(checked == c.m * (2 * c.k + 1));
  return t;
}

TEST_CASE("binary dense + Mul/Add batch norm + Larq ste_sign folds to a threshold", "[fold_thresholds]") {
  // 2-D Keras BN after a Dense layer: Mul(γ/σ) → Add(β - μγ/σ). Channel 1
  // hits 0 exactly at x = 2 (Larq's sign(0) = +1 must win); channel 2 is
  // decreasing; channel 3 never changes sign.
  const DenseCase c = MakeDense(12, 4, [](GraphBuilder& b, int y) {
    const int mul = b.AddOp("Mul", {y, ChannelConst(b, "bn/mul", {0.37, 0.5, -0.8, 0.01}, false)}, {}, "bn/mul");
    const int add = b.AddOp("Add", {mul, ChannelConst(b, "bn/add", {0.2, -1.0, 1.3, 5.0}, false)}, {}, "bn/add");
    return SteSign(b, add, "act");
  });
  const ThresholdOp t = CheckFolded(c);
  CHECK(t.lower == Ints{-0, 2, 2, -12});  // channel 0: 0.37x + 0.2 >= 0 iff x >= 0 (x > -0.54)
  CHECK(t.low == std::vector<int8_t>{-1, -1, 1, 1});
  CHECK(t.high == std::vector<int8_t>{1, 1, -1, 1});
  CHECK(t.lower == t.upper);
}

TEST_CASE("BatchNormalization with negative and zero gamma folds exactly", "[fold_thresholds]") {
  const DenseCase c = MakeDense(12, 4, [](GraphBuilder& b, int y) {
    const int bn = BatchNorm(b, y, {1.5, -2.0, 0.0, 0.0}, {0.25, 0.5, -0.5, 0.0}, {1.0, -3.0, 2.0, 0.0},
                             {4.0, 0.5, 1.0, 1.0}, 1e-3, "bn");
    return SteSign(b, bn, "act");
  });
  const ThresholdOp t = CheckFolded(c);
  // γ = 0: the output is the constant sign of β (Larq: sign(0) = +1).
  CHECK(t.low[2] == -1);
  CHECK(t.high[2] == -1);
  CHECK(t.low[3] == 1);
  CHECK(t.high[3] == 1);
  // γ < 0: decreasing.
  CHECK(t.low[1] == 1);
  CHECK(t.high[1] == -1);
}

TEST_CASE("Larq ste_tern after batch norm folds to a three-level threshold", "[fold_thresholds]") {
  const DenseCase c = MakeDense(12, 3, [](GraphBuilder& b, int y) {
    const int bn = BatchNorm(b, y, {0.25, -0.5, 1.0}, {0.0, 0.25, -0.5}, {0.0, 1.0, 0.0}, {1.0, 1.0, 1.0}, 0.0, "bn");
    return SteTern(b, bn, 0.5, "act");
  });
  const ThresholdOp t = CheckFolded(c, Mapping::kTnnI);
  // Channel 0: y = x/4; +1 iff x >= 2 (x/4 = 0.5 is a tie that ste_tern maps to +1), -1 iff x <= -2.
  CHECK(t.lower[0] == -1);
  CHECK(t.upper[0] == 2);
  CHECK(t.low[0] == -1);
  CHECK(t.mid[0] == 0);
  CHECK(t.high[0] == 1);
  CHECK(t.low[1] == 1);  // negative γ: decreasing
  CHECK(t.high[1] == -1);
}

TEST_CASE("heaviside, PyTorch Sign, BipolarQuant and the opset<9 sign fold too", "[fold_thresholds]") {
  using Chain = std::function<int(GraphBuilder&, int)>;
  const Chain affine = [](GraphBuilder& b, int y) {
    const int mul = b.AddOp("Mul", {y, ChannelConst(b, "s", {0.5, -1.0, 2.0}, false)}, {}, "scale");
    return b.AddOp("Add", {mul, ChannelConst(b, "t", {-1.0, 0.5, 0.0}, false)}, {}, "shift");
  };
  SECTION("ste_heaviside: Relu → Sign gives {0, 1}") {
    const ThresholdOp t = CheckFolded(MakeDense(12, 3, [&](GraphBuilder& b, int y) { return Heaviside(b, affine(b, y), "act"); }));
    CHECK(t.low[0] == 0);
    CHECK(t.high[0] == 1);
  }
  SECTION("PyTorch Sign maps 0 to 0: three levels") {
    const ThresholdOp t =
        CheckFolded(MakeDense(12, 3, [&](GraphBuilder& b, int y) { return b.AddOp("Sign", {affine(b, y)}, {}, "sign"); }));
    CHECK(t.lower[0] == 2);  // 0.5x - 1 = 0 at x = 2
    CHECK(t.upper[0] == 3);
    CHECK(t.mid[0] == 0);
  }
  SECTION("QONNX BipolarQuant with scale 1") {
    CheckFolded(MakeDense(12, 3, [&](GraphBuilder& b, int y) {
      return b.AddOp("BipolarQuant", {affine(b, y), Scalar(b, "one", 1.0)}, {}, "bq");
    }));
  }
  SECTION("opset < 9: Cast(Greater(x,0)) - Cast(Less(x,0))") {
    CheckFolded(MakeDense(12, 3, [&](GraphBuilder& b, int y) { return OldOpsetSign(b, affine(b, y), "act"); }));
  }
}

TEST_CASE("a chain that is no step function of at most three levels stays pointwise", "[fold_thresholds]") {
  // Sign(|x/2| - 2) has five runs over [-12, 12], and no intermediate value
  // is an integer to fold from.
  const DenseCase c = MakeDense(12, 2, [](GraphBuilder& b, int y) {
    const int h = b.AddOp("Mul", {y, Scalar(b, "half", 0.5)}, {}, "half");
    const int a = b.AddOp("Abs", {h}, {}, "abs");
    return b.AddOp("Sign", {b.AddOp("Sub", {a, Scalar(b, "two", 2.0)}, {}, "sub")}, {}, "sign");
  });
  const Program p = Compile(c.graph);
  REQUIRE(OpKinds(p) == "Pointwise,XbarLinear,Pointwise");
  const PointwiseOp& pw = *OpsOf<PointwiseOp>(p)[1];
  REQUIRE(pw.steps.size() == 4);
  CHECK(pw.steps[1].kind == PointwiseStep::Kind::kAbs);
  CHECK(pw.steps[3].kind == PointwiseStep::Kind::kSign);
  CheckAllIntegers(
      c.m, -c.k, c.k, [&](int64_t ch, double x) { return ApplyPointwiseChain(pw.steps, ch, x); },
      [&](int64_t ch, double x) { return EvalElement(c.graph, c.xbar_out, c.out, ch, x); });
}

TEST_CASE("an integer intermediate (|x|) becomes the threshold's input", "[fold_thresholds]") {
  // |x| is integer-valued in [0, 12], so Sign(|x| - 2) folds from it: the
  // program keeps Abs as a pointwise op and thresholds its output.
  const DenseCase c = MakeDense(12, 2, [](GraphBuilder& b, int y) {
    const int a = b.AddOp("Abs", {y}, {}, "abs");
    return b.AddOp("Sign", {b.AddOp("Sub", {a, Scalar(b, "two", 2.0)}, {}, "sub")}, {}, "sign");
  });
  const Program p = Compile(c.graph);
  REQUIRE(OpKinds(p) == "Pointwise,XbarLinear,Pointwise,Threshold");
  const PointwiseOp& pw = *OpsOf<PointwiseOp>(p)[1];
  const ThresholdOp& t = *OpsOf<ThresholdOp>(p)[0];
  CHECK(t.input == pw.output);
  CHECK(p.tensors[pw.output].values == ValueSet::kInteger);
  CheckAllIntegers(
      c.m, -c.k, c.k, [&](int64_t ch, double x) { return ApplyThreshold(t, ch, ApplyPointwiseChain(pw.steps, ch, x)); },
      [&](int64_t ch, double x) { return EvalElement(c.graph, c.xbar_out, c.out, ch, x); });
}

}  // namespace
}  // namespace cim
