// One small model per supported op: the canonical graph text after import.

#include <catch2/catch.hpp>

#include "test_model.h"

namespace cim::testing {
namespace {

// x:float[1,2,4,4] -> op -> y, with extra initializers added by `extra`.
template <typename F>
std::string Unary(const std::string& op, F extra, int64_t opset = 13, std::vector<int64_t> dims = {1, 2, 4, 4}) {
  TestModel m(opset);
  m.Input("x", dims).Output("y");
  std::vector<std::string> inputs = {"x"};
  auto& n = m.Node(op, inputs, {"y"}, "n");
  extra(m, n);
  return m.Text();
}
auto none = [](TestModel&, onnx::NodeProto&) {};

TEST_CASE("Elementwise unary ops import as they are") {
  for (const char* op : {"Sign", "Neg", "Abs", "Relu", "Round"}) {
    CAPTURE(op);
    CHECK(Unary(op, none) == std::string("graph \"model.onnx\" opset 13\n"
                                         "input %0:float[1,2,4,4] \"x\"\n"
                                         "%1:float[1,2,4,4] = ") +
                                 op + "(%0) {name=\"n\"}\noutput %1:float[1,2,4,4] \"y\"\n");
  }
}

TEST_CASE("Elementwise binary ops broadcast a constant operand") {
  for (const char* op : {"Add", "Sub", "Mul", "Div", "Max", "Min"}) {
    CAPTURE(op);
    std::string text = Unary(op, [](TestModel& m, onnx::NodeProto& n) {
      m.Init("c", {2, 1, 1}, {0.5f, -2});
      n.add_input("c");
    });
    CHECK(text == std::string("graph \"model.onnx\" opset 13\n"
                              "input %0:float[1,2,4,4] \"x\"\n"
                              "%2:float[1,2,4,4] = ") +
                      op + "(%0, %1:const float[2,1,1][0.5,-2]) {name=\"n\"}\noutput %2:float[1,2,4,4] \"y\"\n");
  }
}

TEST_CASE("Comparisons Not Where and Cast") {
  TestModel m(13);
  m.Input("x", {1, 3}).Output("y");
  m.Init("zero", {}, {0});
  m.Init("one", {}, {1});
  m.Init("minus", {}, {-1});
  m.Node("Greater", {"x", "zero"}, {"gt"}, "gt");
  m.Node("Less", {"x", "zero"}, {"lt"}, "lt");
  m.Node("Equal", {"x", "zero"}, {"eq"}, "eq");
  m.Node("Not", {"lt"}, {"ge"}, "not");
  m.Node("Where", {"ge", "one", "minus"}, {"w"}, "where");
  auto& cast = m.Node("Cast", {"gt"}, {"c"}, "cast");
  SetInt(cast, "to", onnx::TensorProto::FLOAT);
  auto& cast2 = m.Node("Cast", {"eq"}, {"c2"}, "cast2");
  SetInt(cast2, "to", onnx::TensorProto::INT32);
  auto& cast3 = m.Node("Cast", {"c2"}, {"c3"}, "cast3");
  SetInt(cast3, "to", onnx::TensorProto::DOUBLE);
  m.Node("Add", {"w", "c"}, {"s"}, "s");
  m.Node("Add", {"s", "c3"}, {"y"}, "sum");
  CHECK(m.Text() ==
        "graph \"model.onnx\" opset 13\n"
        "input %0:float[1,3] \"x\"\n"
        "%4:bool[1,3] = Greater(%0, %1:const float[][0]) {name=\"gt\"}\n"
        "%5:bool[1,3] = Less(%0, %1:const float[][0]) {name=\"lt\"}\n"
        "%6:bool[1,3] = Equal(%0, %1:const float[][0]) {name=\"eq\"}\n"
        "%7:bool[1,3] = Not(%5) {name=\"not\"}\n"
        "%8:float[1,3] = Where(%7, %2:const float[][1], %3:const float[][-1]) {name=\"where\"}\n"
        "%9:float[1,3] = Cast(%4) {name=\"cast\", to=\"float\"}\n"
        "%10:int64[1,3] = Cast(%6) {name=\"cast2\", to=\"int64\"}\n"
        "%11:float[1,3] = Cast(%10) {name=\"cast3\", to=\"float\"}\n"
        "%12:float[1,3] = Add(%8, %9) {name=\"s\"}\n"
        "%13:float[1,3] = Add(%12, %11) {name=\"sum\"}\n"
        "output %13:float[1,3] \"y\"\n");
}

TEST_CASE("Transpose gets an explicit perm - Flatten a non-negative axis") {
  CHECK(Unary("Transpose", none) ==
        "graph \"model.onnx\" opset 13\ninput %0:float[1,2,4,4] \"x\"\n"
        "%1:float[4,4,2,1] = Transpose(%0) {name=\"n\", perm=[3,2,1,0]}\noutput %1:float[4,4,2,1] \"y\"\n");
  CHECK(Unary("Flatten", [](TestModel&, onnx::NodeProto& n) { SetInt(n, "axis", -2); }) ==
        "graph \"model.onnx\" opset 13\ninput %0:float[1,2,4,4] \"x\"\n"
        "%1:float[2,16] = Flatten(%0) {name=\"n\", axis=2}\noutput %1:float[2,16] \"y\"\n");
  CHECK(Unary("Flatten", none) ==
        "graph \"model.onnx\" opset 13\ninput %0:float[1,2,4,4] \"x\"\n"
        "%1:float[1,32] = Flatten(%0) {name=\"n\", axis=1}\noutput %1:float[1,32] \"y\"\n");
}

TEST_CASE("Reshape takes its constant shape input as an attribute with 0 and -1 resolved") {
  std::string text = Unary("Reshape", [](TestModel& m, onnx::NodeProto& n) {
    m.InitInt64("s", {3}, {0, -1, 4});
    n.add_input("s");
  });
  // The shape initializer is no longer used and is dropped.
  CHECK(text == "graph \"model.onnx\" opset 13\ninput %0:float[1,2,4,4] \"x\"\n"
                "%1:float[1,8,4] = Reshape(%0) {name=\"n\", shape=[1,8,4]}\noutput %1:float[1,8,4] \"y\"\n");
}

TEST_CASE("Conv MatMul BatchNormalization pools and softmaxes") {
  TestModel m(13);
  m.Input("x", {1, 1, 6, 6}).Output("y");
  m.Init("w", {2, 1, 3, 3}, std::vector<float>(18, 1));
  m.Init("b", {2}, {0.5f, -0.5f});
  m.Init("g", {2}, {1, 2});
  m.Init("be", {2}, {0, 1});
  m.Init("mu", {2}, {3, 4});
  m.Init("var", {2}, {1, 1});
  m.Init("fc", {2, 3}, {1, -1, 1, -1, 1, -1});
  auto& conv = m.Node("Conv", {"x", "w", "b"}, {"c"}, "conv");
  SetInts(conv, "strides", {1, 1});
  auto& bn = m.Node("BatchNormalization", {"c", "g", "be", "mu", "var"}, {"bn"}, "bn");
  SetFloat(bn, "momentum", 0.9f);
  auto& mp = m.Node("MaxPool", {"bn"}, {"mp"}, "mp");
  SetInts(mp, "kernel_shape", {2, 2});
  SetInts(mp, "strides", {2, 2});
  auto& ap = m.Node("AveragePool", {"mp"}, {"ap"}, "ap");
  SetInts(ap, "kernel_shape", {2, 2});
  SetInts(ap, "pads", {0, 0, 1, 1});
  m.Node("GlobalMaxPool", {"ap"}, {"gmp"}, "gmp");
  m.Node("GlobalAveragePool", {"ap"}, {"gap"}, "gap");
  m.Node("Add", {"gmp", "gap"}, {"sum"}, "sum");
  auto& fl = m.Node("Flatten", {"sum"}, {"f"}, "flat");
  SetInt(fl, "axis", 1);
  m.Node("MatMul", {"f", "fc"}, {"mm"}, "mm");
  m.Node("LogSoftmax", {"mm"}, {"ls"}, "ls");
  m.Node("Softmax", {"ls"}, {"y"}, "sm");
  CHECK(m.Text() ==
        "graph \"model.onnx\" opset 13\n"
        "input %0:float[1,1,6,6] \"x\"\n"
        "%8:float[1,2,4,4] = Conv(%0, %1:const float[2,1,3,3], %2:const float[2][0.5,-0.5]) {name=\"conv\", "
        "dilations=[1,1], group=1, kernel_shape=[3,3], pads=[0,0,0,0], strides=[1,1]}\n"
        "%9:float[1,2,4,4] = BatchNormalization(%8, %3:const float[2][1,2], %4:const float[2][0,1], "
        "%5:const float[2][3,4], %6:const float[2][1,1]) {name=\"bn\", epsilon=1e-05}\n"
        "%10:float[1,2,2,2] = MaxPool(%9) {name=\"mp\", ceil_mode=0, dilations=[1,1], kernel_shape=[2,2], "
        "pads=[0,0,0,0], strides=[2,2]}\n"
        "%11:float[1,2,2,2] = AveragePool(%10) {name=\"ap\", ceil_mode=0, count_include_pad=0, dilations=[1,1], "
        "kernel_shape=[2,2], pads=[0,0,1,1], strides=[1,1]}\n"
        "%12:float[1,2,1,1] = GlobalMaxPool(%11) {name=\"gmp\"}\n"
        "%13:float[1,2,1,1] = GlobalAveragePool(%11) {name=\"gap\"}\n"
        "%14:float[1,2,1,1] = Add(%12, %13) {name=\"sum\"}\n"
        "%15:float[1,2] = Flatten(%14) {name=\"flat\", axis=1}\n"
        "%16:float[1,3] = MatMul(%15, %7:const float[2,3][1,-1,1,-1,1,-1]) {name=\"mm\"}\n"
        "%17:float[1,3] = LogSoftmax(%16) {name=\"ls\", axis=1}\n"
        "%18:float[1,3] = Softmax(%17) {name=\"sm\", axis=1}\n"
        "output %18:float[1,3] \"y\"\n");
}

TEST_CASE("Identity and inference Dropout disappear - the output keeps its name") {
  TestModel m(13);
  m.Input("x", {2}).Output("y");
  m.Node("Relu", {"x"}, {"r"}, "relu");
  m.Node("Identity", {"r"}, {"i"}, "id");
  m.Node("Dropout", {"i"}, {"y", "mask"}, "drop");
  CHECK(m.Text() ==
        "graph \"model.onnx\" opset 13\ninput %0:float[2] \"x\"\n"
        "%1:float[2] = Relu(%0) {name=\"relu\"}\noutput %1:float[2] \"y\"\n");
}

TEST_CASE("Shape Gather Unsqueeze Concat and Slice on static shapes fold into a Reshape") {
  // The dynamic flatten PyTorch and Keras emit: Reshape(x, Concat(Gather(Shape(x), 0), [-1])).
  TestModel m(13);
  m.Input("x", {-1, 2, 3}).Output("y");
  m.InitInt64("zero", {}, {0});
  m.InitInt64("ax0", {1}, {0});
  m.InitInt64("minus1", {1}, {-1});
  m.InitInt64("s0", {1}, {1});
  m.InitInt64("e0", {1}, {9223372036854775807LL});
  m.Node("Shape", {"x"}, {"shape"}, "shape");
  m.Node("Gather", {"shape", "zero"}, {"batch"}, "gather");
  m.Node("Unsqueeze", {"batch", "ax0"}, {"batch1"}, "unsq");
  m.Node("Slice", {"shape", "s0", "e0"}, {"rest"}, "slice");
  m.Node("ReduceSum", {"rest"}, {"restsum"}, "rsum");  // 5, folded; unused below but exercised
  auto& cat = m.Node("Concat", {"batch1", "minus1"}, {"target"}, "cat");
  SetInt(cat, "axis", 0);
  m.Node("Reshape", {"x", "target"}, {"y"}, "reshape");
  CHECK(m.Text() ==
        "graph \"model.onnx\" opset 13\ninput %0:float[1,2,3] \"x\"\n"
        "%1:float[1,6] = Reshape(%0) {name=\"reshape\", shape=[1,6]}\noutput %1:float[1,6] \"y\"\n");
}

TEST_CASE("Supported op list is sorted and names the required ops") {
  std::vector<std::string> ops = SupportedOnnxOps();
  CHECK(std::is_sorted(ops.begin(), ops.end()));
  for (const char* op : {"Sign", "Add", "Sub", "Mul", "Div", "Neg", "Abs", "Relu", "Max", "Min", "Clip", "Greater",
                         "Less", "Equal", "Not", "Where", "Cast", "Transpose", "Reshape", "Flatten", "Squeeze",
                         "Unsqueeze", "Identity", "Dropout", "Conv", "MatMul", "Gemm", "BatchNormalization", "Pad",
                         "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "Softmax",
                         "LogSoftmax", "Constant", "Shape", "Gather", "Concat", "Slice", "Round"}) {
    CAPTURE(op);
    CHECK(std::find(ops.begin(), ops.end(), op) != ops.end());
  }
}

}  // namespace
}  // namespace cim::testing
