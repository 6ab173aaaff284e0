// fuse_bias: MatMul + Add(per-output constant) → Gemm with C; Conv + Add(per
// channel) → Conv bias; Adds that do not fit stay.

#include "cim/passes/fuse_bias.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

TEST_CASE("MatMul + Add(bias) becomes Gemm(x, B, C)", "[fuse_bias]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 3});
  const int mm = b.AddOp("MatMul", {x, b.AddConst("w", {3, 2}, {1, 2, 3, 4, 5, 6})});
  b.MarkOutput(b.AddOp("Add", {b.AddConst("bias", {1, 2}, {0.5, -0.5}), mm}));
  Graph g = std::move(b).Finish();
  REQUIRE(FuseBias(g).ok());
  REQUIRE(g.Verify().ok());
  REQUIRE(g.nodes.size() == 1);
  CHECK(g.nodes[0].op_type == "Gemm");
  REQUIRE(g.nodes[0].inputs.size() == 3);
  CHECK(g.ConstantOf(g.nodes[0].inputs[2]).values == Doubles{0.5, -0.5});
  CHECK(g.outputs[0] == g.nodes[0].outputs[0]);
}

TEST_CASE("Conv + Add(per-channel constant) gets a bias; a scalar is expanded", "[fuse_bias]") {
  for (bool scalar : {false, true}) {
    GraphBuilder b("t.onnx", 13);
    const int x = b.AddInput("x", {1, 1, 3, 3});
    const int conv = b.AddOp("Conv", {x, b.AddConst("w", {2, 1, 1, 1}, {1, -1})});
    const int c = scalar ? Scalar(b, "c", 0.25) : b.AddConst("c", {1, 2, 1, 1}, {0.25, -2.0});
    b.MarkOutput(b.AddOp("Add", {conv, c}));
    Graph g = std::move(b).Finish();
    REQUIRE(FuseBias(g).ok());
    REQUIRE(g.Verify().ok());
    REQUIRE(g.nodes.size() == 1);
    REQUIRE(g.nodes[0].inputs.size() == 3);
    CHECK(g.ConstantOf(g.nodes[0].inputs[2]).values == (scalar ? Doubles{0.25, 0.25} : Doubles{0.25, -2.0}));
  }
}

TEST_CASE("an Add that varies along H, W or has a second reader stays", "[fuse_bias]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 1, 2, 2});
  const int conv = b.AddOp("Conv", {x, b.AddConst("w", {1, 1, 1, 1}, {1})});
  const int add = b.AddOp("Add", {conv, b.AddConst("c", {1, 1, 2, 2}, {1, 2, 3, 4})});
  b.MarkOutput(add);
  Graph g = std::move(b).Finish();
  const std::string before = PrintGraph(g);
  REQUIRE(FuseBias(g).ok());
  CHECK(PrintGraph(g) == before);
}

}  // namespace
}  // namespace cim
