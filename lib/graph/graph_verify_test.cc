#include <catch2/catch.hpp>

#include "cim/graph/graph.h"
#include "cim/graph/graph_builder.h"

namespace cim {
namespace {

Graph TwoNodeGraph() {
  GraphBuilder b("m.onnx", 13);
  int x = b.AddInput("x", {1, 4});
  int a = b.AddOp("Relu", {x}, {}, "a");
  int s = b.AddOp("Sign", {a}, {}, "s");
  b.MarkOutput(s);
  return std::move(b).Finish();
}

TEST_CASE("Verify accepts a well-formed graph") { CHECK(TwoNodeGraph().Verify().ok()); }

TEST_CASE("Verify rejects broken topological order") {
  Graph g = TwoNodeGraph();
  std::swap(g.nodes[0], g.nodes[1]);
  g.values[1].producer = 1;
  g.values[2].producer = 0;
  CHECK(g.Verify().ToString() ==
        "Internal: m.onnx: node \"s\" (Sign, opset 13): input 0 %1 is produced by node 1, not before it "
        "(topological order broken)");
}

TEST_CASE("Verify rejects an out-of-range input") {
  Graph g = TwoNodeGraph();
  g.nodes[1].inputs[0] = 17;
  CHECK(g.Verify().ToString() ==
        "Internal: m.onnx: node \"s\" (Sign, opset 13): input 0 is %17, out of range [0, 3)");
}

TEST_CASE("Verify rejects a value with two producers") {
  Graph g = TwoNodeGraph();
  g.nodes[1].outputs[0] = 1;
  CHECK(g.Verify().ToString() ==
        "Internal: m.onnx: node \"s\" (Sign, opset 13): output %1 is also produced by node 0");
}

TEST_CASE("Verify rejects an input nobody produces") {
  Graph g = TwoNodeGraph();
  g.inputs.clear();
  CHECK(g.Verify().ToString() ==
        "Internal: m.onnx: node \"a\" (Relu, opset 13): input 0 %0 \"x\" has no producer and is neither "
        "a constant nor a graph input");
}

TEST_CASE("Verify rejects unknown shapes bad constants and missing outputs") {
  Graph g = TwoNodeGraph();
  g.values[1].shape = {1, kUnknownDim};
  CHECK(g.Verify().ToString() == "Internal: m.onnx: value %1 \"a\" has unknown shape [1,?]");

  Graph c = TwoNodeGraph();
  c.AddConstant("k", Tensor{DType::kFloat, {3}, {1, 2}});
  CHECK(c.Verify().ToString() == "Internal: m.onnx: value %3 \"k\": constant has 2 values, shape [3] needs 3");

  Graph o = TwoNodeGraph();
  o.outputs.clear();
  CHECK(o.Verify().ToString() == "Internal: m.onnx: graph has no outputs");

  Graph p = TwoNodeGraph();
  p.values[2].producer = 0;
  CHECK(p.Verify().ToString() == "Internal: m.onnx: node \"s\" (Sign, opset 13): output %2 records producer 0");
}

}  // namespace
}  // namespace cim
