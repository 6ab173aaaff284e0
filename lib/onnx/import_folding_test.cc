// Constant folding at import: weight quantizers applied to initializers
// arrive as constants; QONNX BipolarQuant on activations stays a node.

#include <catch2/catch.hpp>

#include "test_model.h"

namespace cim::testing {
namespace {

TEST_CASE("An unfolded Larq weight quantizer W -> Sign -> Add(0.1) -> Sign arrives as a +-1 constant") {
  TestModel m(13);
  m.Input("x", {1, 1, 3, 3}).Output("y");
  // Latent weights include an exact 0, which the Larq chain maps to +1.
  m.Init("latent", {2, 1, 1, 1}, {0.0f, -0.3f});
  m.Init("c", {}, {0.1f});
  m.Node("Sign", {"latent"}, {"s1"}, "w/sign");
  m.Node("Add", {"s1", "c"}, {"s2"}, "w/add");
  m.Node("Sign", {"s2"}, {"wq"}, "w/sign_1");
  m.Node("Conv", {"x", "wq"}, {"y"}, "conv");
  CHECK(m.Text() == "graph \"model.onnx\" opset 13\ninput %0:float[1,1,3,3] \"x\"\n"
                    "%2:float[1,2,3,3] = Conv(%0, %1:const float[2,1,1,1][1,-1]) {name=\"conv\", dilations=[1,1], "
                    "group=1, kernel_shape=[1,1], pads=[0,0,0,0], strides=[1,1]}\n"
                    "output %2:float[1,2,3,3] \"y\"\n");
}

TEST_CASE("A bare ONNX Sign on weights keeps Sign(0) = 0") {
  TestModel m(13);
  m.Input("x", {1, 3}).Output("y");
  m.Init("latent", {3, 1}, {0.0f, 2.0f, -2.0f});
  m.Node("Sign", {"latent"}, {"wq"}, "w/sign");
  m.Node("MatMul", {"x", "wq"}, {"y"}, "fc");
  CHECK(m.Text() == "graph \"model.onnx\" opset 13\ninput %0:float[1,3] \"x\"\n"
                    "%2:float[1,1] = MatMul(%0, %1:const float[3,1][0,1,-1]) {name=\"fc\"}\n"
                    "output %2:float[1,1] \"y\"\n");
}

TEST_CASE("HWIO weights behind a Transpose and a ternary quantizer fold to an OIHW {-1 0 1} constant") {
  // ste_tern(t=0.5): Sign(Add(Sign(Add(W, t)), Sign(Sub(W, t)))) then Transpose perm [3,2,0,1].
  TestModel m(13);
  m.Input("x", {1, 1, 2, 2}).Output("y");
  m.Init("w", {1, 1, 1, 3}, {0.9f, -0.1f, -0.7f});  // HWIO, Cout = 3
  m.Init("t", {}, {0.5f});
  m.Node("Add", {"w", "t"}, {"a"});
  m.Node("Sub", {"w", "t"}, {"b"});
  m.Node("Sign", {"a"}, {"sa"});
  m.Node("Sign", {"b"}, {"sb"});
  m.Node("Add", {"sa", "sb"}, {"s"});
  m.Node("Sign", {"s"}, {"q"});
  SetInts(m.Node("Transpose", {"q"}, {"oihw"}), "perm", {3, 2, 0, 1});
  m.Node("Conv", {"x", "oihw"}, {"y"}, "conv");
  Result<Graph> g = m.Import();
  REQUIRE(g.ok());
  REQUIRE(g->nodes.size() == 1);
  const Tensor& w = g->ConstantOf(g->nodes[0].inputs[1]);
  CHECK(w.shape == Shape{3, 1, 1, 1});
  CHECK(w.values == std::vector<double>{1, 0, -1});
}

TEST_CASE("QONNX BipolarQuant: folded on weights (0 -> +1 times scale) a node on activations") {
  for (const char* domain : {"qonnx.custom_op.general", "onnx.brevitas", "finn.custom_op.general"}) {
    CAPTURE(domain);
    TestModel m(13);
    auto* q = m.model.add_opset_import();
    q->set_domain(domain);
    q->set_version(1);
    m.Input("x", {1, 3}).Output("y");
    m.Init("w", {3, 2}, {0, -1, 2, 3, -4, 0.5f});
    m.Init("s", {}, {0.25f});
    m.Init("one", {}, {1});
    m.Node("BipolarQuant", {"w", "s"}, {"wq"}, "wq").set_domain(domain);
    m.Node("BipolarQuant", {"x", "one"}, {"xq"}, "xq").set_domain(domain);
    m.Node("MatMul", {"xq", "wq"}, {"y"}, "fc");
    CHECK(m.Text() == "graph \"model.onnx\" opset 13\ninput %0:float[1,3] \"x\"\n"
                      "%3:float[1,3] = BipolarQuant(%0, %1:const float[][1]) {name=\"xq\", "
                      "domain=\"qonnx.custom_op.general\"}\n"
                      "%4:float[1,2] = MatMul(%3, %2:const float[3,2][0.25,-0.25,0.25,0.25,-0.25,0.25]) "
                      "{name=\"fc\"}\n"
                      "output %4:float[1,2] \"y\"\n");
  }
}

TEST_CASE("A graph whose output is computed from constants only still imports") {
  TestModel m(13);
  m.Input("x", {2}).Output("y").Output("k");
  m.Init("a", {2}, {1, 2});
  m.Node("Neg", {"a"}, {"k"}, "neg");
  m.Node("Relu", {"x"}, {"y"}, "relu");
  CHECK(m.Text() == "graph \"model.onnx\" opset 13\ninput %0:float[2] \"x\"\n"
                    "%2:float[2] = Relu(%0) {name=\"relu\"}\n"
                    "output %2:float[2] \"y\"\noutput %1:const float[2][-1,-2] \"k\"\n");
}

}  // namespace
}  // namespace cim::testing
