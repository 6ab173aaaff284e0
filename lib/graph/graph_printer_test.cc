#include <catch2/catch.hpp>

#include "cim/graph/graph.h"
#include "cim/graph/graph_builder.h"
#include "cim/graph/graph_text.h"

namespace cim {
namespace {

TEST_CASE("PrintGraph writes inputs nodes with sorted attrs inline small constants and outputs") {
  GraphBuilder b("model.onnx", 13);
  int x = b.AddInput("input_1", {1, 1, 28, 28});
  int w = b.AddConst("w", {32, 1, 3, 3}, std::vector<double>(288, 1.0));
  int conv = b.AddOp("Conv", {x, w},
                     {{"strides", std::vector<int64_t>{1, 1}}, {"pads", std::vector<int64_t>{0, 0, 0, 0}}},
                     "conv1");
  int c = b.AddConst("c", {}, {0.1});
  int add = b.AddOp("Add", {conv, c}, {}, "add");
  int s = b.AddOp("Sign", {add}, {}, "sign");
  b.MarkOutput(s);
  Graph g = std::move(b).Finish();
  CHECK(PrintGraph(g) ==
        "graph \"model.onnx\" opset 13\n"
        "input %0:float[1,1,28,28] \"input_1\"\n"
        "%2:float[1,32,26,26] = Conv(%0, %1:const float[32,1,3,3]) {name=\"conv1\", pads=[0,0,0,0], strides=[1,1]}\n"
        "%4:float[1,32,26,26] = Add(%2, %3:const float[][0.1]) {name=\"add\"}\n"
        "%5:float[1,32,26,26] = Sign(%4) {name=\"sign\"}\n"
        "output %5:float[1,32,26,26] \"sign\"\n");
}

TEST_CASE("PrintGraph prints every attribute kind domains int constants and omitted inputs") {
  GraphBuilder b("m", 11);
  int x = b.AddInput("x", {2, 3});
  int scale = b.AddConst("s", {}, {2.5});
  Node n;
  n.name = "q";
  n.op_type = "BipolarQuant";
  n.domain = "qonnx.custom_op.general";
  n.inputs = {x, scale, -1};
  n.attrs = {{"i", int64_t{3}}, {"f", 1e-5}, {"s", std::string("abc")},
             {"fs", std::vector<double>{0.5, -2}}, {"t", Tensor{DType::kInt64, {2}, {4, -5}}}};
  Value out;
  out.name = "y";
  out.shape = {2, 3};
  n.outputs = {b.graph().AddValue(out)};
  b.graph().AddNode(n);
  CHECK(NodeText(b.graph(), 0) ==
        "%2:float[2,3] = BipolarQuant(%0, %1:const float[][2.5], _) {name=\"q\", "
        "domain=\"qonnx.custom_op.general\", f=1e-05, fs=[0.5,-2], i=3, s=\"abc\", "
        "t=const int64[2][4,-5]}");
}

TEST_CASE("PrintGraph leaves out the values of constants with more than 8 elements") {
  Graph g;
  int id = g.AddConstant("big", Tensor{DType::kFloat, {9}, std::vector<double>(9, 1.0)});
  CHECK(ValueText(g, id) == "%0:const float[9]");
  int small = g.AddConstant("b", Tensor{DType::kBool, {2}, {1, 0}});
  CHECK(ValueText(g, small) == "%1:const bool[2][1,0]");
}

TEST_CASE("FormatNumber writes the shortest float32 round trip") {
  CHECK(FormatNumber(0.1) == "0.1");
  CHECK(FormatNumber(static_cast<float>(0.1)) == "0.1");
  CHECK(FormatNumber(-1) == "-1");
  CHECK(FormatNumber(0.001) == "0.001");
  CHECK(FormatNumber(123456789.0) == "123456789");  // not a float32: printed as the double it is
  CHECK(FormatNumber(static_cast<float>(123456789.0)) == "123456792");
  CHECK(FormatNumber(1.0 / 3.0) == "0.3333333333333333");
  CHECK(FormatNumber(1e30) == "1e+30");
  CHECK(FormatNumber(10) == "10");
  CHECK(FormatNumber(-0.0) == "-0");
  CHECK(FormatNumber(1e-05) == "1e-05");
}

TEST_CASE("Graph::Where names the source node op and opset of default-domain ops") {
  GraphBuilder b("model.onnx", 13);
  int x = b.AddInput("x", {1, 4});
  int y = b.AddOp("Relu", {x}, {}, "quant_conv2d_1/Conv2D");
  b.MarkOutput(y);
  CHECK(b.graph().Where(0) == "model.onnx: node \"quant_conv2d_1/Conv2D\" (Relu, opset 13)");
  b.graph().nodes[0].op_type = "cim.XbarLinear";
  CHECK(b.graph().Where(0) == "model.onnx: node \"quant_conv2d_1/Conv2D\" (cim.XbarLinear)");
}

}  // namespace
}  // namespace cim
