// Value-range analysis recognises every quantizer by what it computes.

#include "cim/passes/value_range.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

std::string RangeOf(const std::function<int(GraphBuilder&, int)>& build, Shape in = {1, 4}) {
  GraphBuilder b("v.onnx", 13);
  const int y = build(b, b.AddInput("x", std::move(in)));
  b.MarkOutput(y);
  const Graph g = std::move(b).Finish();
  return AnalyseValueRanges(g)[static_cast<size_t>(y)].ToString();
}

TEST_CASE("quantizer chains have the value sets they compute", "[value_range]") {
  CHECK(RangeOf([](GraphBuilder& b, int x) { return SteSign(b, x, "q"); }) == "{-1,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return SteTern(b, x, 0.05, "q"); }) == "{-1,0,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return Heaviside(b, x, "q"); }) == "{0,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return b.AddOp("Sign", {x}); }) == "{-1,0,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return OldOpsetSign(b, x, "q"); }) == "{-1,0,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return b.AddOp("BipolarQuant", {x, Scalar(b, "s", 1.0)}); }) ==
        "{-1,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return b.AddOp("BipolarQuant", {x, Scalar(b, "s", 0.5)}); }) ==
        "{-0.5,0.5}");
  CHECK(RangeOf([](GraphBuilder& b, int x) { return b.AddOp("Relu", {x}); }) == "[0,inf]");
  CHECK(RangeOf([](GraphBuilder&, int x) { return x; }) == "real");
}

TEST_CASE("layout ops, pads and pools carry the set through", "[value_range]") {
  CHECK(RangeOf(
            [](GraphBuilder& b, int x) {
              const int s = SteSign(b, x, "q");
              const int p = b.AddOp("Pad", {s}, {{"pads", Ints{0, 0, 1, 1, 0, 0, 1, 1}}, {"value", 1.0}});
              const int m = b.AddOp("MaxPool", {p}, {{"kernel_shape", Ints{2, 2}}});
              return b.AddOp("Transpose", {m}, {{"perm", Ints{0, 2, 3, 1}}});
            },
            {1, 2, 4, 4}) == "{-1,1}");
  CHECK(RangeOf(
            [](GraphBuilder& b, int x) {
              const int s = SteSign(b, x, "q");
              return b.AddOp("Pad", {s}, {{"pads", Ints{0, 0, 1, 1, 0, 0, 1, 1}}, {"value", 0.0}});
            },
            {1, 2, 4, 4}) == "{-1,0,1}");
  CHECK(RangeOf([](GraphBuilder& b, int x) {
          const int s = b.AddOp("Sign", {x});
          return b.AddOp("Add", {s, b.AddOp("Sign", {b.AddOp("Neg", {x})})});  // two tensors: {-2..2}
        }) == "{-2,-1,0,1,2}");
}

TEST_CASE("sets through per-channel affine steps, and integer intervals", "[value_range]") {
  CHECK(RangeOf([](GraphBuilder& b, int x) {
          const int s = SteSign(b, x, "q");
          return b.AddOp("Mul", {s, b.AddConst("c", {4}, {1, 2, 3, 4})});
        }) == "{-4,-3,-2,-1,1,2,3,4}");
  CHECK(RangeOf([](GraphBuilder& b, int x) {
          const int s = SteSign(b, x, "q");
          const int m = b.AddOp("Mul", {s, b.AddConst("c", {4}, {1, 2, 3, 4})});
          const int a = b.AddOp("Add", {m, b.AddOp("Mul", {m, Scalar(b, "k", 5.0)})});  // 6 * {±1..±4}: 8 values
          return b.AddOp("Add", {a, b.AddOp("Mul", {s, Scalar(b, "k2", 7.0)})});       // + {±7}: 16 < n
        }) == "int[-31,31]");
}

}  // namespace
}  // namespace cim
