// CompileGraph end to end on a Larq/tf2onnx-style conv model: NHWC input,
// Transpose islands around every sign chain, Pad(1) before a conv, a zero
// padded conv with ±s_c weights and a bias, MaxPool → BatchNormalization,
// NHWC flatten, dense, Softmax. Checks the program ops and, numerically,
// every folded threshold against the original float graph.

#include <sstream>

#include "cim/passes/pipeline.h"
#include "cim/tile/pointwise.h"
#include "lib/passes/test_models.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

Program Compile(const Graph& g, const CompileOptions& o = {}) {
  Result<Program> p = CompileGraph(g, o);
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  return std::move(p).value();
}

TEST_CASE("a Larq-style conv model compiles to crossbar layers and exact thresholds", "[pipeline]") {
  const LarqConvModel m = MakeLarqConvModel();
  CompileOptions o;
  o.model_name = "larq_conv";
  const Program p = Compile(m.graph, o);
  CHECK(OpKinds(p) ==
        "DigitalLinear,Pointwise,XbarLinear,Pool,Threshold,XbarLinear,Threshold,Transpose,Reshape,XbarLinear,"
        "Pointwise,Softmax");
  CHECK(p.model_name == "larq_conv");
  CHECK(p.source_file == "larq.onnx");
  CHECK(p.input.layout == Layout::kNCHW);
  CHECK(p.input.shape == Dims{2, 6, 6});
  CHECK(p.mapping == Mapping::kBnnI);
  CHECK(p.output == std::get<SoftmaxOp>(p.ops.back()).output);

  const auto xbars = OpsOf<XbarLinearOp>(p);
  REQUIRE(xbars.size() == 3);
  SECTION("Pad(value 1) before conv2 becomes its +1 padding") {
    const ConvGeometry& g = xbars[0]->geom;
    CHECK(g.pad_value == 1.0);
    CHECK((g.pad_top == 1 && g.pad_left == 1 && g.pad_bottom == 1 && g.pad_right == 1));
    CHECK((g.in_h == 6 && g.in_w == 6 && g.out_h == 6 && g.out_w == 6));
    CHECK_FALSE(xbars[0]->ternary_inputs);
    CHECK(p.tensors[xbars[0]->input].values == ValueSet::kBinary);
  }
  SECTION("conv3 keeps zero padding, binary inputs and sign(W)") {
    const ConvGeometry& g = xbars[1]->geom;
    CHECK(g.pad_value == 0.0);
    CHECK(g.pad_top == 1);
    CHECK_FALSE(xbars[1]->ternary_inputs);
    CHECK_FALSE(xbars[1]->ternary_weights);
    const Doubles signs = Pattern(108, 1.0, 2);
    for (size_t k = 0; k < signs.size(); ++k) {
      const double want = (k / 36 == 1 ? -1.0 : 1.0) * signs[k];
      if (xbars[1]->weights[k] != want) FAIL("conv3 weight " << k);
    }
  }
  SECTION("dense weights are [out][in]") {
    CHECK(xbars[2]->dense);
    const Doubles w4 = Pattern(135, 1.0, 3);
    for (int64_t o = 0; o < 5; ++o)
      for (int64_t i = 0; i < 27; ++i) CHECK(xbars[2]->weights[o * 27 + i] == w4[i * 5 + o]);
  }
  SECTION("MaxPool → BatchNorm → sign folds on the pooled integers") {
    const ThresholdOp& t = *OpsOf<ThresholdOp>(p)[0];
    CHECK(t.input == std::get<PoolOp>(p.ops[3]).output);
    CheckAllIntegers(4, -36, 36, [&](int64_t c, double x) { return ApplyThreshold(t, c, x); },
                     [&](int64_t c, double x) { return EvalElement(m.graph, m.pool, m.s2, c, x); });
  }
  SECTION("±s_c conv with bias folds scale, bias and sign into one threshold") {
    const ThresholdOp& t = *OpsOf<ThresholdOp>(p)[1];
    CHECK(t.input == xbars[1]->output);
    CheckAllIntegers(3, -36, 36, [&](int64_t c, double x) { return ApplyThreshold(t, c, x); },
                     [&](int64_t c, double x) {
                       return EvalElement(m.graph, m.c3, m.s3, c, x * m.c3_scale[c] + m.c3_bias[c]);
                     });
  }
  SECTION("the NHWC flatten transpose stays, moved below the sign chain") {
    const auto& tr = std::get<TransposeOp>(p.ops[7]);
    CHECK(tr.perm == Ints{1, 2, 0});
    CHECK(tr.input == OpsOf<ThresholdOp>(p)[1]->output);
  }
  SECTION("the first layer is digital and its BN + sign chain is one pointwise op") {
    const auto& pw = std::get<PointwiseOp>(p.ops[1]);
    REQUIRE(pw.steps.size() == 4);
    CHECK(pw.steps[0].kind == PointwiseStep::Kind::kBatchNorm);
    for (double x : {-1.0, -0.1, 0.0, 0.05, 0.1, 0.2, 2.0})
      for (int64_t c = 0; c < 4; ++c)
        CHECK(ApplyPointwiseChain(pw.steps, c, x) == EvalElement(m.graph, m.c1, m.bn1_sign, c, x));
  }
}

TEST_CASE("print_after and time_passes write to the diagnostics stream", "[pipeline]") {
  const LarqConvModel m = MakeLarqConvModel();
  std::ostringstream out;
  CompileOptions o;
  o.print_after = "eliminate_transposes";
  o.time_passes = true;
  o.log = &out;
  Compile(m.graph, o);
  const std::string text = out.str();
  CHECK(text.find("// ----- IR after eliminate_transposes -----\ngraph \"larq.onnx\"") != std::string::npos);
  CHECK(text.find("IR after fuse_bias") == std::string::npos);
  for (const PassDescription& pass : PassDescriptions()) CHECK(text.find("pass " + pass.name + " ") != std::string::npos);
  CHECK(text.find("pass total") != std::string::npos);
}

TEST_CASE("PassDescriptions and ListPasses list the pipeline in order", "[pipeline]") {
  std::string names;
  for (const PassDescription& pass : PassDescriptions()) {
    names += pass.name + " ";
    CHECK_FALSE(pass.description.empty());
  }
  CHECK(names ==
        "fold_constants eliminate_transposes fuse_bias lower_crossbar_layers fold_thresholds lower_to_program tile ");
  const std::string table = ListPasses();
  CHECK(table.rfind("fold_constants          evaluate nodes whose inputs are all constants", 0) == 0);
  CHECK(table.find("\ntile                    choose the crossbar mapping") != std::string::npos);
}

TEST_CASE("bad options are InvalidArgument with the valid names", "[pipeline]") {
  const LarqConvModel m = MakeLarqConvModel();
  std::ostringstream out;
  CompileOptions o;
  o.print_after = "fold";
  o.log = &out;
  Result<Program> p = CompileGraph(m.graph, o);
  CHECK(p.status().ToString() ==
        "InvalidArgument: print_after = \"fold\": not a pass name (expected one of fold_constants, "
        "eliminate_transposes, fuse_bias, lower_crossbar_layers, fold_thresholds, lower_to_program, tile, or all)");
  o.print_after = "all";
  o.log = nullptr;
  CHECK(CompileGraph(m.graph, o).status().ToString() ==
        "InvalidArgument: print_after/time_passes need a log stream");
}

}  // namespace
}  // namespace cim
