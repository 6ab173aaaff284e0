// Compiled programs run on the reference executor (exact crossbar engine)
// give the same outputs as an independent float64 evaluation of the original
// graph (reference_eval.h).

#include <cmath>
#include <random>
#include <set>

#include "cim/exec/exact_engine.h"
#include "cim/exec/executor.h"
#include "cim/passes/pipeline.h"
#include "lib/passes/reference_eval.h"
#include "lib/passes/test_models.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

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
    const Doubles want = EvaluateFloat64(g, input);
    REQUIRE(static_cast<int64_t>(want.size()) == per_image);
    for (int64_t k = 0; k < per_image; ++k) worst = std::max(worst, std::fabs(out[img * per_image + k] - want[k]));
    firsts.insert(want[0]);

  }
  CHECK(firsts.size() > 4);
  return worst;
}

TEST_CASE("a compiled Larq MLP computes what the float graph computes", "[end_to_end]") {
  Mapping mapping;
  CHECK(MaxDifference(MakeLarqMlp(6, 6, 40, 10), 6, 6, 1, 25, &mapping) < 1e-9);
  CHECK(mapping == Mapping::kBnnI);
}

TEST_CASE("a compiled Larq conv model computes what the float graph computes", "[end_to_end]") {
  CHECK(MaxDifference(MakeLarqConvModel().graph, 6, 6, 2, 25) < 1e-9);
}

TEST_CASE("a compiled residual model (shortcut Add, GlobalAveragePool) matches the float graph", "[end_to_end]") {
  const Graph g = MakeResidualModel();
  Result<Program> p = CompileGraph(g, CompileOptions());
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  // The shortcut sum of two crossbar outputs is integer, so BN + sign on it folds.
  CHECK(OpKinds(*p) ==
        "DigitalLinear,Pointwise,XbarLinear,XbarLinear,Binary,Threshold,XbarLinear,Pool,Reshape,DigitalLinear,Softmax");
  Mapping mapping;
  CHECK(MaxDifference(g, 5, 5, 3, 25, &mapping) < 1e-9);
  CHECK(mapping == Mapping::kTnnI);  // conv4 has ternary weights
}

TEST_CASE("ternary, heaviside and PyTorch-sign MLPs run on TNN_I and match the float graph", "[end_to_end]") {
  const std::pair<const char*, QuantizerFn> quantizers[] = {
      {"ste_tern", [](GraphBuilder& b, int x, const std::string& s) { return SteTern(b, x, 0.3, s + "/ste_tern"); }},
      {"ste_heaviside", [](GraphBuilder& b, int x, const std::string& s) { return Heaviside(b, x, s + "/heaviside"); }},
      {"torch.sign", [](GraphBuilder& b, int x, const std::string& s) { return b.AddOp("Sign", {x}, {}, s + "/sign"); }},
  };
  for (const auto& [name, quantizer] : quantizers) {
    for (bool ternary_weights : {false, true}) {
      INFO(name << (ternary_weights ? ", ternary weights" : ", binary weights"));
      Mapping mapping;
      CHECK(MaxDifference(MakeLarqMlp(5, 5, 24, 6, quantizer, ternary_weights), 5, 5, 1, 25, &mapping) < 1e-9);
      CHECK(mapping == Mapping::kTnnI);
    }
  }
}

}  // namespace
}  // namespace cim
