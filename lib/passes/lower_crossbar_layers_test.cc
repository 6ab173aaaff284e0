// lower_crossbar_layers through CompileGraph: which layers go to crossbars,
// with which flags, geometry and padding, and the mapping they imply.

#include "cim/passes/lower_crossbar_layers.h"
#include "cim/passes/pipeline.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

using Quantizer = std::function<int(GraphBuilder&, int)>;

// x:[1,4,5,5] → quantizer → [Pad] → Conv(w, attrs) → graph output.
Graph ConvGraph(const Quantizer& quant, const Doubles& w, const Shape& w_shape, AttrMap attrs,
                const std::optional<AttrMap>& pad = std::nullopt) {
  GraphBuilder b("c.onnx", 13);
  int x = quant(b, b.AddInput("x", {1, 4, 5, 5}));
  if (pad) x = b.AddOp("Pad", {x}, *pad, "pad");
  b.MarkOutput(b.AddOp("Conv", {x, b.AddConst("w", w_shape, w)}, std::move(attrs), "conv"));
  return std::move(b).Finish();
}

Doubles Fill(int64_t n, const std::function<double(int64_t)>& f) {
  Doubles v(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) v[i] = f(i);
  return v;
}

const Quantizer kSteSign = [](GraphBuilder& b, int x) { return SteSign(b, x, "q"); };

Result<Program> CompileWith(const Graph& g, std::optional<Mapping> mapping = std::nullopt) {
  CompileOptions o;
  o.mapping = mapping;
  return CompileGraph(g, o);
}

TEST_CASE("grouped, strided, dilated binary conv keeps its geometry", "[lower_crossbar_layers]") {
  const Doubles w = Fill(6 * 2 * 9, [](int64_t i) { return i % 3 ? 1.0 : -1.0; });
  const Graph g = ConvGraph(kSteSign, w, {6, 2, 3, 3},
                            {{"group", int64_t{2}}, {"strides", Ints{2, 2}}, {"dilations", Ints{1, 2}},
                             {"pads", Ints{1, 2, 1, 2}}});
  Result<Program> p = CompileWith(g);
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  REQUIRE(OpKinds(*p) == "Pointwise,XbarLinear");
  const XbarLinearOp& x = *OpsOf<XbarLinearOp>(*p)[0];
  CHECK(x.geom.groups == 2);
  CHECK((x.geom.stride_h == 2 && x.geom.dilation_w == 2 && x.geom.pad_left == 2 && x.geom.pad_value == 0.0));
  CHECK((x.geom.out_h == 3 && x.geom.out_w == 3 && x.geom.PatchSize() == 18));
  CHECK(x.weights == std::vector<int8_t>(w.begin(), w.end()));
  CHECK(p->mapping == Mapping::kBnnI);
  CHECK(p->tensors[x.output].values == ValueSet::kInteger);
  CHECK_FALSE(x.tiles.empty());
}

TEST_CASE("ternary weights or inputs need a TNN mapping", "[lower_crossbar_layers]") {
  const Doubles ternary_w = Fill(2 * 4 * 9, [](int64_t i) { return static_cast<double>(i % 3) - 1.0; });
  const Doubles binary_w = Fill(2 * 4 * 9, [](int64_t i) { return i % 2 ? 1.0 : -1.0; });
  SECTION("ternary weights") {
    const Graph g = ConvGraph(kSteSign, ternary_w, {2, 4, 3, 3}, {});
    Result<Program> p = CompileWith(g);
    REQUIRE(p.ok());
    CHECK(OpsOf<XbarLinearOp>(*p)[0]->ternary_weights);
    CHECK(p->mapping == Mapping::kTnnI);
    CHECK(CompileWith(g, Mapping::kBnnIII).status().ToString() ==
          "InvalidArgument: layer \"conv\" has ternary weights: mapping BNN_III stores only ±1; use a TNN "
          "mapping (e.g. TNN_I)");
    Result<Program> tnn = CompileWith(g, Mapping::kTnnIV);
    REQUIRE(tnn.ok());
    CHECK(tnn->mapping == Mapping::kTnnIV);
  }
  const std::pair<const char*, Quantizer> ternary_inputs[] = {
      {"ste_tern", [](GraphBuilder& b, int x) { return SteTern(b, x, 0.5, "q"); }},
      {"PyTorch Sign (sign(0) = 0)", [](GraphBuilder& b, int x) { return b.AddOp("Sign", {x}, {}, "sign"); }},
      {"ste_heaviside {0,1}", [](GraphBuilder& b, int x) { return Heaviside(b, x, "q"); }},
  };
  for (const auto& [name, quant] : ternary_inputs) {
    SECTION(name) {
      const Graph g = ConvGraph(quant, binary_w, {2, 4, 3, 3}, {});
      Result<Program> p = CompileWith(g);
      REQUIRE(p.ok());
      const XbarLinearOp& x = *OpsOf<XbarLinearOp>(*p)[0];
      CHECK(x.ternary_inputs);
      CHECK_FALSE(x.ternary_weights);
      CHECK(p->mapping == Mapping::kTnnI);
      CHECK(CompileWith(g, Mapping::kBnnI).status().ToString() ==
            "InvalidArgument: layer \"conv\" has ternary inputs: mapping BNN_I stores only ±1; use a TNN "
            "mapping (e.g. TNN_I)");
    }
  }
}

TEST_CASE("layers that are not {-1,0,1} x {-s,0,s} stay digital", "[lower_crossbar_layers]") {
  const Doubles binary_w = Fill(2 * 4 * 9, [](int64_t i) { return i % 2 ? 1.0 : -1.0; });
  SECTION("real input (a first layer on pixels)") {
    const Graph g = ConvGraph([](GraphBuilder&, int x) { return x; }, binary_w, {2, 4, 3, 3}, {});
    CHECK(OpKinds(*CompileWith(g)) == "DigitalLinear");
  }
  SECTION("a channel with two magnitudes") {
    Doubles w = binary_w;
    w[5] = 0.5;
    const Graph g = ConvGraph(kSteSign, w, {2, 4, 3, 3}, {});
    CHECK(OpKinds(*CompileWith(g)) == "Pointwise,DigitalLinear");
  }
  SECTION("an input in {-2, 2}") {
    const Quantizer doubled = [](GraphBuilder& b, int x) {
      return b.AddOp("Mul", {SteSign(b, x, "q"), Scalar(b, "two", 2.0)});
    };
    const Graph g = ConvGraph(doubled, binary_w, {2, 4, 3, 3}, {});
    Result<Program> p = CompileWith(g);
    INFO(p.status().ToString());
    REQUIRE(p.ok());
    CHECK(OpKinds(*p) == "Pointwise,DigitalLinear");
  }
}

TEST_CASE("Pad nodes before a conv fold into its padding when they can", "[lower_crossbar_layers]") {
  const Doubles w = Fill(2 * 4 * 9, [](int64_t i) { return i % 5 ? 1.0 : -1.0; });
  SECTION("Pad(1) before an unpadded conv: pad_value +1") {
    const Graph g = ConvGraph(kSteSign, w, {2, 4, 3, 3}, {}, AttrMap{{"pads", Ints{0, 0, 1, 2, 0, 0, 3, 1}}, {"value", 1.0}});
    Result<Program> p = CompileWith(g);
    REQUIRE(p.ok());
    CHECK(OpKinds(*p) == "Pointwise,XbarLinear");
    const ConvGeometry& geom = OpsOf<XbarLinearOp>(*p)[0]->geom;
    CHECK((geom.pad_top == 1 && geom.pad_left == 2 && geom.pad_bottom == 3 && geom.pad_right == 1));
    CHECK((geom.pad_value == 1.0 && geom.in_h == 5 && geom.out_h == 7 && geom.out_w == 6));
    CHECK_FALSE(OpsOf<XbarLinearOp>(*p)[0]->ternary_inputs);
  }
  SECTION("zero Pad before a zero-padded conv: pads add up") {
    const Graph g = ConvGraph(kSteSign, w, {2, 4, 3, 3}, {{"pads", Ints{1, 1, 1, 1}}},
                              AttrMap{{"pads", Ints{0, 0, 1, 0, 0, 0, 0, 2}}, {"value", 0.0}});
    Result<Program> p = CompileWith(g);
    REQUIRE(p.ok());
    const ConvGeometry& geom = OpsOf<XbarLinearOp>(*p)[0]->geom;
    CHECK((geom.pad_top == 2 && geom.pad_left == 1 && geom.pad_bottom == 1 && geom.pad_right == 3));
    CHECK(geom.pad_value == 0.0);
    CHECK_FALSE(OpsOf<XbarLinearOp>(*p)[0]->ternary_inputs);
    CHECK(p->mapping == Mapping::kBnnI);
  }
  SECTION("Pad(1) before a zero-padded conv stays a PadOp") {
    const Graph g = ConvGraph(kSteSign, w, {2, 4, 3, 3}, {{"pads", Ints{1, 1, 1, 1}}},
                              AttrMap{{"pads", Ints{0, 0, 1, 1, 0, 0, 1, 1}}, {"value", 1.0}});
    Result<Program> p = CompileWith(g);
    REQUIRE(p.ok());
    CHECK(OpKinds(*p) == "Pointwise,Pad,XbarLinear");
    CHECK(OpsOf<XbarLinearOp>(*p)[0]->geom.in_h == 7);
  }
}

TEST_CASE("a dense layer with ±s_c columns becomes crossbar + Mul(s_c) + Add(bias)", "[lower_crossbar_layers]") {
  GraphBuilder b("d.onnx", 13);
  const int x = SteSign(b, b.AddInput("x", {1, 3}), "q");
  // W[in=3, out=2]: output 0 = ±0.75, output 1 = ±1.
  const int mm = b.AddOp("MatMul", {x, b.AddConst("w", {3, 2}, {0.75, 1, -0.75, -1, 0.75, 1})}, {}, "dense");
  b.MarkOutput(b.AddOp("Add", {mm, b.AddConst("bias", {2}, {0.5, -0.5})}, {}, "dense/add"));
  Graph g = std::move(b).Finish();
  Result<Program> p = CompileWith(g);
  REQUIRE(p.ok());
  REQUIRE(OpKinds(*p) == "Pointwise,XbarLinear,Pointwise");
  CHECK(OpsOf<XbarLinearOp>(*p)[0]->weights == std::vector<int8_t>{1, -1, 1, 1, -1, 1});
  const PointwiseOp& pw = *OpsOf<PointwiseOp>(*p)[1];
  REQUIRE(pw.steps.size() == 2);
  CHECK(pw.steps[0].kind == PointwiseStep::Kind::kMul);
  CHECK(pw.steps[0].c == Doubles{0.75, 1.0});
  CHECK(pw.steps[1].kind == PointwiseStep::Kind::kAdd);
  CHECK(pw.steps[1].c == Doubles{0.5, -0.5});
}

}  // namespace
}  // namespace cim
