// Malformed and unsupported models: each gives one full, expected message and
// none crashes.

#include <catch2/catch.hpp>

#include <fstream>
#include <functional>
#include <random>

#include "test_model.h"

namespace cim::testing {
namespace {

// x:float[1,1,4,4] -> Relu -> y, a valid base the cases break.
TestModel Base(int64_t opset = 13) {
  TestModel m(opset);
  m.Input("x", {1, 1, 4, 4}).Output("y");
  m.Node("Relu", {"x"}, {"y"}, "relu");
  return m;
}

std::string Error(const TestModel& m) {
  Result<Graph> g = m.Import();
  return g.ok() ? std::string("imported fine") : g.status().ToString();
}

struct Case {
  const char* what;
  std::function<void(TestModel&)> edit;
  std::string expected;
};

const std::string kSupported =
    "Abs, Add, And, AveragePool, BatchNormalization, Cast, Clip, Concat, Constant, Conv, Div, Dropout, Equal, "
    "Flatten, Gather, Gemm, GlobalAveragePool, GlobalMaxPool, Greater, GreaterOrEqual, Identity, Less, "
    "LessOrEqual, LogSoftmax, MatMul, Max, MaxPool, Min, Mul, Neg, Not, Or, Pad, ReduceMax, ReduceMean, "
    "ReduceSum, Relu, Reshape, Round, Shape, Sign, Slice, Softmax, Split, Squeeze, Sub, Transpose, Unsqueeze, "
    "Where and QONNX BipolarQuant";

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"no default-domain opset", [](TestModel& m) { m.model.mutable_opset_import(0)->set_domain("com.x"); },
       "InvalidArgument: model.onnx: model imports no default-domain opset"},
      {"opset 8", [](TestModel& m) { m.model.mutable_opset_import(0)->set_version(8); },
       "Unsupported: model.onnx: default-domain opset 8 not supported; cimc supports opsets 9 to 19 (re-export "
       "with e.g. opset 13)"},
      {"opset 20", [](TestModel& m) { m.model.mutable_opset_import(0)->set_version(20); },
       "Unsupported: model.onnx: default-domain opset 20 not supported; cimc supports opsets 9 to 19 (re-export "
       "with e.g. opset 13)"},
      {"no graph", [](TestModel& m) { m.model.clear_graph(); },
       "Corruption: model.onnx: ONNX model has no graph (truncated or not ONNX?)"},
      {"empty graph", [](TestModel& m) { m.graph().clear_node(); },
       "InvalidArgument: model.onnx: graph has no nodes"},
      {"no outputs", [](TestModel& m) { m.graph().clear_output(); },
       "InvalidArgument: model.onnx: graph has no outputs"},
      {"unsupported op", [](TestModel& m) { m.graph().mutable_node(0)->set_op_type("Loop"); },
       "Unsupported: model.onnx: node \"relu\" (Loop, opset 13): unsupported op; cimc supports: " + kSupported},
      {"unnamed unsupported op", [](TestModel& m) {
         m.graph().mutable_node(0)->set_op_type("Resize");
         m.graph().mutable_node(0)->clear_name();
       },
       "Unsupported: model.onnx: node \"Resize_0\" (Resize, opset 13): unsupported op; cimc supports: " + kSupported},
      {"unknown domain", [](TestModel& m) { m.graph().mutable_node(0)->set_domain("com.microsoft"); },
       "Unsupported: model.onnx: node \"relu\" (Relu, domain com.microsoft): unsupported domain \"com.microsoft\"; "
       "cimc supports the default ONNX domain and BipolarQuant from qonnx.custom_op.general, onnx.brevitas and "
       "finn.custom_op.general"},
      {"QONNX Quant", [](TestModel& m) {
         m.graph().mutable_node(0)->set_op_type("Quant");
         m.graph().mutable_node(0)->set_domain("qonnx.custom_op.general");
       },
       "Unsupported: model.onnx: node \"relu\" (Quant, domain qonnx.custom_op.general): unsupported QONNX op; "
       "cimc supports only BipolarQuant from QONNX"},
      {"BipolarQuant in the default domain", [](TestModel& m) {
         m.Init("s", {}, {1});
         m.graph().mutable_node(0)->set_op_type("BipolarQuant");
         m.graph().mutable_node(0)->add_input("s");
       },
       "Unsupported: model.onnx: node \"relu\" (BipolarQuant, opset 13): unsupported op; cimc supports: " +
           kSupported},
      {"cycle", [](TestModel& m) {
         m.graph().mutable_node(0)->set_input(0, "b");
         m.Node("Neg", {"y"}, {"a"}, "neg");
         m.Node("Abs", {"a"}, {"b"}, "abs");
       },
       "InvalidArgument: model.onnx: node \"relu\" (Relu, opset 13): the graph has a cycle through this node"},
      {"self loop", [](TestModel& m) { m.graph().mutable_node(0)->set_input(0, "y"); },
       "InvalidArgument: model.onnx: node \"relu\" (Relu, opset 13): the graph has a cycle through this node"},
      {"undefined input", [](TestModel& m) { m.graph().mutable_node(0)->set_input(0, "nowhere"); },
       "InvalidArgument: model.onnx: node \"relu\" (Relu, opset 13): input \"nowhere\" is not produced by any "
       "node, initializer or graph input"},
      {"duplicate producer", [](TestModel& m) { m.Node("Neg", {"x"}, {"y"}, "neg"); },
       "InvalidArgument: model.onnx: node \"neg\" (Neg, opset 13): output \"y\" is already produced by node "
       "\"relu\""},
      {"output is an initializer", [](TestModel& m) { m.Init("y", {1}, {1}); },
       "InvalidArgument: model.onnx: node \"relu\" (Relu, opset 13): output \"y\" is also an initializer or graph "
       "input"},
      {"duplicate initializer", [](TestModel& m) {
         m.Init("w", {1}, {1});
         m.Init("w", {1}, {2});
       },
       "InvalidArgument: model.onnx: initializer \"w\" is defined twice"},
      {"weight input without initializer", [](TestModel& m) {
         m.Input("w", {1, 1, 3, 3});
         m.graph().mutable_node(0)->set_op_type("Conv");
         m.graph().mutable_node(0)->add_input("w");
       },
       "Unsupported: model.onnx: 2 non-constant graph inputs (\"x\", \"w\"); cimc supports one (weights must be "
       "initializers)"},
      {"no non-constant input", [](TestModel& m) {
         m.graph().clear_input();
         m.Init("x", {2}, {1, 2});
       },
       "InvalidArgument: model.onnx: graph has no non-constant input"},
      {"string initializer", [](TestModel& m) {
         auto* t = m.graph().add_initializer();
         t->set_name("s");
         t->set_data_type(onnx::TensorProto::STRING);
         t->add_string_data("hi");
         t->add_dims(1);
       },
       "Unsupported: model.onnx: initializer \"s\": element type STRING not supported; cimc reads FLOAT, DOUBLE, "
       "INT64, INT32, INT8, UINT8 and BOOL"},
      {"complex input", [](TestModel& m) {
         m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->set_elem_type(
             onnx::TensorProto::COMPLEX64);
       },
       "Unsupported: model.onnx: input \"x\": element type COMPLEX64 not supported; cimc reads FLOAT, DOUBLE, "
       "INT64, INT32, INT8, UINT8 and BOOL"},
      {"attribute of the wrong type", [](TestModel& m) {
         m.Init("w", {1, 1, 3, 3}, std::vector<float>(9, 1));
         auto& c = m.Node("Conv", {"y", "w"}, {"z"}, "conv");
         SetFloat(c, "strides", 1);
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"conv\" (Conv, opset 13): attribute \"strides\" is FLOAT, expected "
       "INTS"},
      {"negative initializer dim", [](TestModel& m) { m.Init("w", {-2}, {}); },
       "InvalidArgument: model.onnx: initializer \"w\": shape [-2] has a negative dim"},
      {"more than 2^31 elements", [](TestModel& m) { m.Init("w", {65536, 65536}, {}); },
       "InvalidArgument: model.onnx: initializer \"w\": shape [65536,65536] has more than 2^31 elements"},
      {"rank 9 input", [](TestModel& m) {
         auto* shape = m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape();
         for (int i = 0; i < 5; ++i) shape->add_dim()->set_dim_value(1);
       },
       "InvalidArgument: model.onnx: input \"x\": shape [1,1,4,4,1,1,1,1,1] has rank 9, more than 8"},
      {"kernel larger than padded input", [](TestModel& m) {
         m.Init("w", {1, 1, 7, 7}, std::vector<float>(49, 1));
         SetInts(m.Node("Conv", {"y", "w"}, {"z"}, "conv"), "pads", {1, 1, 1, 1});
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"conv\" (Conv, opset 13): kernel 7x7 (dilation 1x1) is larger than the "
       "padded input 6x6"},
      {"mismatched channels", [](TestModel& m) {
         m.Init("w", {4, 3, 3, 3}, std::vector<float>(108, 1));
         m.Node("Conv", {"y", "w"}, {"z"}, "conv");
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"conv\" (Conv, opset 13): input X [1,1,4,4] has 1 channels, weight W "
       "[4,3,3,3] with group 1 expects 3"},
      {"external data", [](TestModel& m) {
         auto* t = m.graph().add_initializer();
         *t = TestModel::FloatTensor("w", {1}, {});
         t->set_data_location(onnx::TensorProto::EXTERNAL);
       },
       "Unsupported: model.onnx: initializer \"w\": data is stored in an external file; save the model with the "
       "tensors inside (onnx.save_model(m, path, save_as_external_data=False))"},
      {"raw_data of the wrong size", [](TestModel& m) {
         auto* t = m.graph().add_initializer();
         *t = TestModel::FloatTensor("w", {2, 2}, {1, 2, 3}, /*raw=*/true);
       },
       "InvalidArgument: model.onnx: initializer \"w\": raw_data has 12 bytes, FLOAT[2,2] needs 16"},
      {"too few float_data", [](TestModel& m) { m.Init("w", {3}, {1, 2}); },
       "InvalidArgument: model.onnx: initializer \"w\": float_data has 2 values, float[3] needs 3"},
      {"symbolic non-batch dim", [](TestModel& m) {
         auto* dim = m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->mutable_shape()->mutable_dim(2);
         dim->set_dim_param("height");
       },
       "Unsupported: model.onnx: input \"x\" dim 2 is symbolic (\"height\"); cimc needs static shapes except the "
       "batch dim (dim 0)"},
      {"input without shape", [](TestModel& m) {
         m.graph().mutable_input(0)->mutable_type()->mutable_tensor_type()->clear_shape();
       },
       "Unsupported: model.onnx: input \"x\" has no shape; cimc needs a static input shape"},
      {"graph output nobody produces", [](TestModel& m) { m.Output("ghost"); },
       "InvalidArgument: model.onnx: graph output \"ghost\" is not produced by any node, initializer or graph input"},
      {"a second run-time input feeding a Reshape shape", [](TestModel& m) {
         m.Node("Shape", {"x"}, {"s"}, "shape");
         m.Node("Cast", {"s"}, {"sf"}, "cast").add_attribute()->CopyFrom([] {
           onnx::AttributeProto a;
           a.set_name("to");
           a.set_type(onnx::AttributeProto::INT);
           a.set_i(onnx::TensorProto::INT64);
           return a;
         }());
         m.Node("Add", {"sf", "runtime"}, {"target"}, "add");
         m.Node("Reshape", {"y", "target"}, {"z"}, "reshape");
         m.Input("runtime", {4}, onnx::TensorProto::INT64);
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: 2 non-constant graph inputs (\"x\", \"runtime\"); cimc supports one (weights must "
       "be initializers)"},
      {"Pad amounts computed at run time", [](TestModel& m) {
         m.Node("Cast", {"y"}, {"yi"}, "cast").add_attribute()->CopyFrom([] {
           onnx::AttributeProto a;
           a.set_name("to");
           a.set_type(onnx::AttributeProto::INT);
           a.set_i(onnx::TensorProto::INT64);
           return a;
         }());
         m.InitInt64("shape", {1}, {16});
         m.Node("Reshape", {"yi", "shape"}, {"flat"}, "flat");
         m.InitInt64("st", {1}, {0});
         m.InitInt64("en", {1}, {8});
         m.Node("Slice", {"flat", "st", "en"}, {"pads"}, "slice");
         m.Node("Pad", {"y", "pads"}, {"z"}, "pad");
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"pad\" (Pad, opset 13): input 1 (pads) \"pads\" is computed at run time; "
       "cimc needs it to be a constant"},
      {"Pad edge mode", [](TestModel& m) {
         m.InitInt64("pads", {8}, {0, 0, 1, 1, 0, 0, 1, 1});
         SetString(m.Node("Pad", {"y", "pads"}, {"z"}, "pad"), "mode", "edge");
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"pad\" (Pad, opset 13): mode = \"edge\"; cimc supports only mode "
       "\"constant\""},
      {"MaxPool indices used", [](TestModel& m) {
         SetInts(m.Node("MaxPool", {"y"}, {"z", "idx"}, "pool"), "kernel_shape", {2, 2});
         m.graph().mutable_output(0)->set_name("idx");
       },
       "Unsupported: model.onnx: node \"pool\" (MaxPool, opset 13): output 1 (\"idx\") is used; cimc supports "
       "only the first output of MaxPool"},
      {"BatchNormalization in training mode", [](TestModel& m) {
         m.Init("p", {1}, {1});
         SetInt(m.Node("BatchNormalization", {"y", "p", "p", "p", "p"}, {"z"}, "bn"), "training_mode", 1);
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"bn\" (BatchNormalization, opset 14): training_mode = 1; cimc runs "
       "inference only"},
      {"Dropout in training mode", [](TestModel& m) {
         m.Init("ratio", {}, {0.5f});
         m.graph().add_initializer()->CopyFrom([] {
           onnx::TensorProto t;
           t.set_name("train");
           t.set_data_type(onnx::TensorProto::BOOL);
           t.add_int32_data(1);
           return t;
         }());
         m.Node("Dropout", {"y", "ratio", "train"}, {"z"}, "drop");
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"drop\" (Dropout, opset 13): training_mode = true; cimc runs inference "
       "only"},
      {"Cast to string", [](TestModel& m) {
         SetInt(m.Node("Cast", {"y"}, {"z"}, "cast"), "to", onnx::TensorProto::STRING);
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"cast\" (Cast, opset 13): to = element type STRING not supported; cimc "
       "reads FLOAT, DOUBLE, INT64, INT32, INT8, UINT8 and BOOL"},
      {"Gather index out of range while folding", [](TestModel& m) {
         m.Init("d", {3}, {1, 2, 3});
         m.InitInt64("i", {1}, {5});
         m.Node("Gather", {"d", "i"}, {"g"}, "gather");
         m.Node("Add", {"y", "g"}, {"z"}, "add");
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"gather\" (Gather, opset 13): index 5 out of range [-3, 2]"},
      {"Constant without a value", [](TestModel& m) {
         m.Node("Constant", {}, {"c"}, "const");
         m.Node("Add", {"y", "c"}, {"z"}, "add");
         m.graph().mutable_output(0)->set_name("z");
       },
       "Unsupported: model.onnx: node \"const\" (Constant, opset 13): no value, value_float(s) or value_int(s) "
       "attribute; cimc does not read sparse or string constants"},
      {"broadcast mismatch", [](TestModel& m) {
         m.Init("c", {3}, {1, 2, 3});
         m.Node("Add", {"y", "c"}, {"z"}, "add");
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"add\" (Add, opset 13): cannot broadcast [1,1,4,4] with [3]"},
      {"missing first input", [](TestModel& m) { m.graph().mutable_node(0)->set_input(0, ""); },
       "InvalidArgument: model.onnx: node \"relu\" (Relu, opset 13): input 0 is missing"},
      {"wrong arity", [](TestModel& m) { m.graph().mutable_node(0)->set_op_type("Add"); },
       "InvalidArgument: model.onnx: node \"relu\" (Add, opset 13): expected 2 inputs, found 1"},
      {"Reshape to a wrong element count", [](TestModel& m) {
         m.InitInt64("s", {2}, {3, 5});
         m.Node("Reshape", {"y", "s"}, {"z"}, "reshape");
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"reshape\" (Reshape, opset 13): shape = [3,5] has 15 elements, input "
       "[1,1,4,4] has 16"},
      {"pads given as floats", [](TestModel& m) {
         m.Init("pads", {8}, {0, 0, 1, 1, 0, 0, 1, 1});
         m.Node("Pad", {"y", "pads"}, {"z"}, "pad");
         m.graph().mutable_output(0)->set_name("z");
       },
       "InvalidArgument: model.onnx: node \"pad\" (Pad, opset 13): input 1 (pads) is float, expected int64"},
      {"input that is not a tensor", [](TestModel& m) {
         m.graph().mutable_input(0)->mutable_type()->mutable_sequence_type();
       },
       "Unsupported: model.onnx: input \"x\" is not a tensor"},
  };
  return cases;
}

TEST_CASE("Each malformed or unsupported model gives its full expected message") {
  REQUIRE(Cases().size() >= 30);
  for (const Case& c : Cases()) {
    CAPTURE(c.what);
    TestModel m = Base(std::string(c.what).find("training mode") != std::string::npos &&
                               std::string(c.what).find("Batch") != std::string::npos
                           ? 14
                           : 13);
    c.edit(m);
    CHECK(Error(m) == c.expected);
  }
}

TEST_CASE("Unparsable bytes are Corruption") {
  CHECK(ImportOnnxBytes("", "model.onnx").status().ToString() ==
        "Corruption: model.onnx: empty file (0 bytes), expected an ONNX model");
  CHECK(ImportOnnxBytes(std::string("\xff\xff\xff\xff\xff", 5), "model.onnx").status().ToString() ==
        "Corruption: model.onnx: not a valid ONNX model (protobuf parse failed; truncated or not ONNX?)");
  CHECK(ImportOnnxBytes("hello world, not onnx", "junk.bin").status().ToString() ==
        "Corruption: junk.bin: not a valid ONNX model (protobuf parse failed; truncated or not ONNX?)");
}

TEST_CASE("A valid model truncated at every offset fails cleanly never crashes") {
  TestModel m(13);
  m.Input("x", {1, 1, 4, 4}).Output("y");
  m.Init("w", {2, 1, 3, 3}, std::vector<float>(18, 0.5f), /*raw=*/true);
  m.Init("c", {}, {0.1f});
  m.Node("Sign", {"x"}, {"s"}, "sign");
  m.Node("Add", {"s", "c"}, {"a"}, "add");
  SetInts(m.Node("Conv", {"a", "w"}, {"y"}, "conv"), "pads", {1, 1, 1, 1});
  const std::string bytes = m.Bytes();
  REQUIRE(ImportOnnxBytes(bytes, "model.onnx").ok());
  int failures = 0;
  for (size_t len = 0; len < bytes.size(); ++len) {
    Result<Graph> g = ImportOnnxBytes(std::string_view(bytes).substr(0, len), "model.onnx");
    // A prefix may still parse (protobuf fields are optional) but never into this model.
    if (g.ok()) continue;
    ++failures;
    CAPTURE(len);
    CHECK(g.status().message().rfind("model.onnx: ", 0) == 0);
    CHECK(g.status().code() != StatusCode::kInternal);
  }
  CHECK(failures == static_cast<int>(bytes.size()));
}

TEST_CASE("Random garbage and bit flips of a valid model never crash") {
  std::mt19937 rng(1234);
  TestModel m = Base();
  m.Init("w", {1, 1, 2, 2}, {1, -1, 1, -1});
  m.Node("Conv", {"y", "w"}, {"z"}, "conv");
  m.graph().mutable_output(0)->set_name("z");
  const std::string valid = m.Bytes();
  for (int round = 0; round < 500; ++round) {
    std::string bytes = valid;
    for (int flips = 0; flips < 3; ++flips) bytes[rng() % bytes.size()] ^= static_cast<char>(1u << (rng() % 8));
    Result<Graph> g = ImportOnnxBytes(bytes, "model.onnx");
    if (!g.ok()) CHECK(g.status().code() != StatusCode::kInternal);
    std::string garbage(rng() % 200 + 1, '\0');
    for (char& c : garbage) c = static_cast<char>(rng());
    Result<Graph> r = ImportOnnxBytes(garbage, "model.onnx");
    if (!r.ok()) CHECK(r.status().code() != StatusCode::kInternal);
  }
}

TEST_CASE("ImportOnnxFile: missing file is NotFound a directory is IOError empty file is Corruption") {
  CHECK(ImportOnnxFile("/nonexistent/model.onnx").status().ToString() ==
        "NotFound: /nonexistent/model.onnx: no such file");
  CHECK(ImportOnnxFile(CIM_SOURCE_DIR).status().ToString() ==
        std::string("IOError: ") + CIM_SOURCE_DIR + ": not a regular file");
  const std::string empty = std::string(CIM_BINARY_DIR) + "/onnx_test_empty.onnx";
  { std::ofstream(empty, std::ios::binary); }
  CHECK(ImportOnnxFile(empty).status().ToString() ==
        "Corruption: " + empty + ": empty file (0 bytes), expected an ONNX model");
}

}  // namespace
}  // namespace cim::testing
