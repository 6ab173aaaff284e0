// The bundled models (testdata/models/*.onnx, produced by scripts/models/)
// import, and contain only the op types the Larq patterns predict.

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "cim/onnx/import.h"

namespace cim {
namespace {

std::set<std::string> OpTypes(const Graph& g) {
  std::set<std::string> ops;
  for (const Node& n : g.nodes) ops.insert(n.op_type);
  return ops;
}

// Imports testdata/models/<name> when it exists; returns false when absent.
bool ImportBundled(const std::string& name, Graph& out) {
  const std::string path = std::string(CIM_SOURCE_DIR) + "/testdata/models/" + name;
  if (!std::filesystem::exists(path)) {
    WARN(path + " not present; run scripts/models to produce it");
    return false;
  }
  Result<Graph> g = ImportOnnxFile(path);
  INFO(g.status().ToString());
  REQUIRE(g.ok());
  CHECK(g->Verify().ok());
  out = std::move(*g);
  return true;
}

TEST_CASE("Bundled mnist_bnn_mlp.onnx (tf2onnx opset 13 MLP: Reshape MatMul Mul+Add BN Sign chains Softmax)") {
  Graph g;
  if (!ImportBundled("mnist_bnn_mlp.onnx", g)) return;
  CHECK(g.opset == 13);
  CHECK(OpTypes(g) == std::set<std::string>{"Add", "MatMul", "Mul", "Reshape", "Sign", "Softmax"});
  REQUIRE(g.inputs.size() == 1);
  CHECK(g.values[g.inputs[0]].shape == Shape{1, 28, 28, 1});
  REQUIRE(g.outputs.size() == 1);
  CHECK(g.values[g.outputs[0]].shape == Shape{1, 10});
}

TEST_CASE("Bundled mnist_bnn_conv.onnx (tf2onnx opset 15 CNN: NHWC Transposes Pad value 1 Conv MaxPool BN)") {
  Graph g;
  if (!ImportBundled("mnist_bnn_conv.onnx", g)) return;
  CHECK(g.opset == 15);
  CHECK(OpTypes(g) == std::set<std::string>{"Add", "BatchNormalization", "Conv", "MatMul", "MaxPool", "Mul", "Pad",
                                            "Reshape", "Sign", "Softmax", "Transpose"});
  for (const Node& n : g.nodes)
    if (n.op_type == "Pad") CHECK(n.GetFloat("value", 0) == 1.0);
  CHECK(g.values[g.outputs[0]].shape == Shape{1, 10});
}

TEST_CASE("Every bundled .onnx model imports") {
  const std::string dir = std::string(CIM_SOURCE_DIR) + "/testdata/models";
  if (!std::filesystem::exists(dir)) return;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".onnx") continue;
    CAPTURE(entry.path().string());
    Result<Graph> g = ImportOnnxFile(entry.path().string());
    CHECK(g.status().ToString() == "OK");
  }
}

}  // namespace
}  // namespace cim
