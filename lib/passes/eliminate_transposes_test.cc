// eliminate_transposes: NHWC input adoption, island cancellation with
// permuted constants and Pad pads, transposes moved below a chain, and
// transposes that must stay.

#include "cim/passes/eliminate_transposes.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

const Ints kToNchw = {0, 3, 1, 2}, kToNhwc = {0, 2, 3, 1};

int CountOps(const Graph& g, const std::string& op) {
  int n = 0;
  for (const Node& node : g.nodes) n += node.op_type == op;
  return n;
}

const Node& OnlyNode(const Graph& g, const std::string& op) {
  for (const Node& node : g.nodes)
    if (node.op_type == op) return node;
  FAIL("no " << op);
  return g.nodes[0];
}

TEST_CASE("an NHWC input read by Transpose(0,3,1,2) becomes the NCHW input", "[eliminate_transposes]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 5, 6, 3});
  const int t = b.AddOp("Transpose", {x}, {{"perm", kToNchw}});
  b.MarkOutput(b.AddOp("Relu", {t}));
  Graph g = std::move(b).Finish();
  Layout layout = Layout::kNHWC;
  REQUIRE(EliminateTransposes(g, layout).ok());
  REQUIRE(g.Verify().ok());
  CHECK(layout == Layout::kNCHW);
  CHECK(g.values[g.inputs[0]].shape == Shape{1, 3, 5, 6});
  CHECK(CountOps(g, "Transpose") == 0);
}

TEST_CASE("a Transpose island with a per-channel constant and a Pad runs in NCHW", "[eliminate_transposes]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 2, 3, 4});  // NCHW
  const int relu = b.AddOp("Relu", {x});          // keeps the input a plain NCHW value
  const int i = b.AddOp("Transpose", {relu}, {{"perm", kToNhwc}});  // [1,3,4,2]
  const int m = b.AddOp("Mul", {i, b.AddConst("c", {2}, {2.0, -3.0})});
  const int s = SteSign(b, m, "q");
  const int p = b.AddOp("Pad", {s}, {{"pads", Ints{0, 1, 2, 0, 0, 3, 4, 0}}, {"value", 1.0}});
  const int o = b.AddOp("Transpose", {p}, {{"perm", kToNchw}});
  b.MarkOutput(b.AddOp("Relu", {o}));
  Graph g = std::move(b).Finish();
  Layout layout = Layout::kNHWC;
  REQUIRE(EliminateTransposes(g, layout).ok());
  REQUIRE(g.Verify().ok());
  CHECK(layout == Layout::kNHWC);  // the input was not transposed
  CHECK(CountOps(g, "Transpose") == 0);
  const Node& mul = OnlyNode(g, "Mul");
  CHECK(g.values[mul.inputs[1]].shape == Shape{1, 2, 1, 1});
  CHECK(g.ConstantOf(mul.inputs[1]).values == Doubles{2.0, -3.0});
  const Node& pad = OnlyNode(g, "Pad");
  CHECK(pad.GetInts("pads") == Ints{0, 0, 1, 2, 0, 0, 3, 4});
  CHECK(g.values[pad.outputs[0]].shape == Shape{1, 2, 7, 10});
  CHECK(g.values[g.outputs[0]].shape == Shape{1, 2, 7, 10});
}

TEST_CASE("a transpose read by a Reshape moves below the elementwise chain", "[eliminate_transposes]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 2, 3, 3});
  const int r = b.AddOp("Relu", {x});
  const int i = b.AddOp("Transpose", {r}, {{"perm", kToNhwc}}, "flatten_transpose");
  const int s = SteSign(b, i, "q");
  const int flat = b.AddOp("Reshape", {s}, {{"shape", Ints{1, 18}}});
  b.MarkOutput(flat);
  Graph g = std::move(b).Finish();
  Layout layout = Layout::kNHWC;
  REQUIRE(EliminateTransposes(g, layout).ok());
  REQUIRE(g.Verify().ok());
  REQUIRE(CountOps(g, "Transpose") == 1);
  const Node& t = OnlyNode(g, "Transpose");
  CHECK(t.GetInts("perm") == kToNhwc);
  CHECK(g.nodes[g.values[t.inputs[0]].producer].name == "q/Sign_1");  // after the sign chain
  CHECK(g.values[t.inputs[0]].shape == Shape{1, 2, 3, 3});
  CHECK(g.nodes[g.Consumers(t.outputs[0])[0]].op_type == "Reshape");
}

TEST_CASE("a transpose between two non-elementwise ops stays", "[eliminate_transposes]") {
  GraphBuilder b("t.onnx", 13);
  const int x = b.AddInput("x", {1, 2, 3, 3});
  const int r = b.AddOp("Relu", {x});
  const int i = b.AddOp("Transpose", {r}, {{"perm", kToNhwc}});
  b.MarkOutput(b.AddOp("Reshape", {i}, {{"shape", Ints{1, 18}}}));
  Graph g = std::move(b).Finish();
  const std::string before = PrintGraph(g);
  Layout layout = Layout::kNHWC;
  REQUIRE(EliminateTransposes(g, layout).ok());
  CHECK(PrintGraph(g) == before);
}

}  // namespace
}  // namespace cim
