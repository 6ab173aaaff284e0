#include <catch2/catch.hpp>

#include "cim/graph/graph_builder.h"
#include "cim/graph/shape_inference.h"

namespace cim {
namespace {

using Ints = std::vector<int64_t>;

// Shape of a one-op graph on an input of shape `in`, or the error text.
std::string ShapeOf(const std::string& op, Shape in, AttrMap attrs = {}, std::vector<Shape> consts = {}) {
  GraphBuilder b("m.onnx", 13);
  std::vector<int> inputs = {b.AddInput("x", in)};
  for (auto& s : consts) inputs.push_back(b.AddConst("c", s, std::vector<double>(NumElements(s), 1.0)));
  Result<int> r = b.TryAddOp(op, inputs, std::move(attrs), "n");
  if (!r.ok()) return r.status().ToString();
  const Value& v = b.graph().values[*r];
  return std::string(DTypeName(v.dtype)) + ShapeToString(v.shape);
}

TEST_CASE("Elementwise ops broadcast numpy-style") {
  CHECK(ShapeOf("Add", {1, 3, 4}, {}, {{4}}) == "float[1,3,4]");
  CHECK(ShapeOf("Mul", {2, 1}, {}, {{1, 5}}) == "float[2,5]");
  CHECK(ShapeOf("Sub", {3}, {}, {{}}) == "float[3]");
  CHECK(ShapeOf("Greater", {2, 3}, {}, {{3}}) == "bool[2,3]");
  CHECK(ShapeOf("Max", {2, 3}, {}, {{3}, {1, 1}}) == "float[2,3]");
  CHECK(ShapeOf("Add", {2, 3}, {}, {{4}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Add, opset 13): cannot broadcast [2,3] with [4]");
  CHECK(ShapeOf("Sign", {5, 6}) == "float[5,6]");
  CHECK(ShapeOf("BipolarQuant", {5, 6}, {}, {{}}) == "float[5,6]");
  CHECK(ShapeOf("Cast", {2}, {{"to", std::string("int64")}}) == "int64[2]");
  CHECK(ShapeOf("Cast", {2}, {{"to", std::string("int8")}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Cast, opset 13): to = \"int8\": expected \"float\", \"int64\" or \"bool\"");
  CHECK(ShapeOf("Not", {2}) ==
        "InvalidArgument: m.onnx: node \"n\" (Not, opset 13): input 0 is float, expected bool");
}

TEST_CASE("Conv output size padding strides dilations and groups") {
  CHECK(ShapeOf("Conv", {1, 1, 28, 28}, {}, {{32, 1, 3, 3}}) == "float[1,32,26,26]");
  CHECK(ShapeOf("Conv", {1, 1, 28, 28}, {{"pads", Ints{1, 1, 1, 1}}}, {{32, 1, 3, 3}, {32}}) == "float[1,32,28,28]");
  CHECK(ShapeOf("Conv", {1, 4, 9, 9}, {{"strides", Ints{2, 2}}, {"group", int64_t{2}}}, {{8, 2, 3, 3}}) ==
        "float[1,8,4,4]");
  CHECK(ShapeOf("Conv", {1, 1, 9, 9}, {{"dilations", Ints{2, 2}}}, {{1, 1, 3, 3}}) == "float[1,1,5,5]");
  CHECK(ShapeOf("Conv", {1, 1, 7, 7}, {{"auto_pad", std::string("SAME_UPPER")}, {"strides", Ints{2, 2}}},
                {{1, 1, 3, 3}}) == "float[1,1,4,4]");
  CHECK(ShapeOf("Conv", {1, 1, 3, 3}, {}, {{1, 1, 5, 5}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Conv, opset 13): kernel 5x5 (dilation 1x1) is larger than the "
        "padded input 3x3");
  CHECK(ShapeOf("Conv", {1, 3, 8, 8}, {}, {{4, 2, 3, 3}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Conv, opset 13): input X [1,3,8,8] has 3 channels, weight W "
        "[4,2,3,3] with group 1 expects 2");
  CHECK(ShapeOf("Conv", {1, 1, 8, 8}, {}, {{4, 1, 3, 3}, {5}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Conv, opset 13): bias B is [5], expected [4]");
}

TEST_CASE("AutoPads puts the odd pixel at the end for SAME_UPPER and the start for SAME_LOWER") {
  CHECK(*AutoPads("SAME_UPPER", {8, 8}, {2, 2}, {1, 1}, {1, 1}) == Ints{0, 0, 1, 1});
  CHECK(*AutoPads("SAME_LOWER", {8, 8}, {2, 2}, {1, 1}, {1, 1}) == Ints{1, 1, 0, 0});
  CHECK(*AutoPads("SAME_UPPER", {7}, {3}, {2}, {1}) == Ints{1, 1});
  CHECK(*AutoPads("VALID", {7}, {3}, {2}, {1}) == Ints{0, 0});
  CHECK(AutoPads("SAME", {7}, {3}, {2}, {1}).status().ToString() ==
        "InvalidArgument: auto_pad = \"SAME\": expected NOTSET, SAME_UPPER, SAME_LOWER or VALID");
}

TEST_CASE("Pooling global pooling reductions and softmax") {
  CHECK(ShapeOf("MaxPool", {1, 8, 26, 26}, {{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}}) ==
        "float[1,8,13,13]");
  CHECK(ShapeOf("MaxPool", {1, 8, 5, 5},
                {{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}, {"ceil_mode", int64_t{1}}}) ==
        "float[1,8,3,3]");
  CHECK(ShapeOf("AveragePool", {1, 8, 5, 5}, {{"kernel_shape", Ints{3, 3}}, {"pads", Ints{1, 1, 1, 1}}}) ==
        "float[1,8,5,5]");
  CHECK(ShapeOf("MaxPool", {1, 8, 5, 5}) ==
        "InvalidArgument: m.onnx: node \"n\" (MaxPool, opset 13): missing attribute kernel_shape");
  CHECK(ShapeOf("GlobalAveragePool", {1, 8, 5, 5}) == "float[1,8,1,1]");
  CHECK(ShapeOf("ReduceMean", {1, 8, 5, 5}, {{"axes", Ints{2, 3}}, {"keepdims", int64_t{0}}}) == "float[1,8]");
  CHECK(ShapeOf("ReduceSum", {1, 8, 5, 5}, {{"axes", Ints{-1}}}) == "float[1,8,5,1]");
  CHECK(ShapeOf("ReduceMax", {2, 3}) == "float[1,1]");
  CHECK(ShapeOf("Softmax", {1, 10}, {{"axis", int64_t{1}}}) == "float[1,10]");
  CHECK(ShapeOf("Softmax", {1, 10}, {{"axis", int64_t{2}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Softmax, opset 13): axis = 2: must be in [-2, 1] for a rank-2 input");
}

TEST_CASE("MatMul follows numpy matmul including 1-D operands and batch broadcasting") {
  CHECK(ShapeOf("MatMul", {1, 784}, {}, {{784, 10}}) == "float[1,10]");
  CHECK(ShapeOf("MatMul", {784}, {}, {{784, 10}}) == "float[10]");
  CHECK(ShapeOf("MatMul", {2, 1, 3, 4}, {}, {{5, 4, 6}}) == "float[2,5,3,6]");
  CHECK(ShapeOf("MatMul", {3, 4}, {}, {{4}}) == "float[3]");
  CHECK(ShapeOf("MatMul", {1, 8}, {}, {{7, 10}}) ==
        "InvalidArgument: m.onnx: node \"n\" (MatMul, opset 13): inner dims differ: A [1,8], B [7,10]");
}

TEST_CASE("BatchNormalization checks parameter shapes") {
  CHECK(ShapeOf("BatchNormalization", {1, 4, 2, 2}, {}, {{4}, {4}, {4}, {4}}) == "float[1,4,2,2]");
  CHECK(ShapeOf("BatchNormalization", {1, 4, 2, 2}, {}, {{4}, {3}, {4}, {4}}) ==
        "InvalidArgument: m.onnx: node \"n\" (BatchNormalization, opset 13): B is [3], expected [4] for input X "
        "[1,4,2,2]");
}

TEST_CASE("Layout ops: Transpose Reshape Flatten Squeeze Unsqueeze Pad Slice Shape") {
  CHECK(ShapeOf("Transpose", {1, 28, 28, 3}, {{"perm", Ints{0, 3, 1, 2}}}) == "float[1,3,28,28]");
  CHECK(ShapeOf("Transpose", {2, 3, 4}) == "float[4,3,2]");
  CHECK(ShapeOf("Transpose", {2, 3}, {{"perm", Ints{0, 0}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Transpose, opset 13): perm = [0,0]: not a permutation of the 2 "
        "input axes");
  CHECK(ShapeOf("Reshape", {1, 4, 4, 8}, {{"shape", Ints{-1, 128}}}) == "float[1,128]");
  CHECK(ShapeOf("Reshape", {1, 4, 4, 8}, {{"shape", Ints{0, -1}}}) == "float[1,128]");
  CHECK(ShapeOf("Reshape", {1, 4, 4, 8}, {{"shape", Ints{3, -1}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Reshape, opset 13): shape = [3,-1]: cannot reshape [1,4,4,8] (128 "
        "elements)");
  CHECK(ShapeOf("Reshape", {4}, {{"shape", Ints{-1, -1}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Reshape, opset 13): shape = [-1,-1]: more than one -1");
  CHECK(ShapeOf("Flatten", {2, 3, 4, 5}) == "float[2,60]");
  CHECK(ShapeOf("Flatten", {2, 3, 4, 5}, {{"axis", int64_t{0}}}) == "float[1,120]");
  CHECK(ShapeOf("Flatten", {2, 3, 4, 5}, {{"axis", int64_t{-1}}}) == "float[24,5]");
  CHECK(ShapeOf("Squeeze", {1, 3, 1, 2}) == "float[3,2]");
  CHECK(ShapeOf("Squeeze", {1, 3, 1, 2}, {{"axes", Ints{2}}}) == "float[1,3,2]");
  CHECK(ShapeOf("Squeeze", {1, 3}, {{"axes", Ints{1}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Squeeze, opset 13): axes = [1]: dim 1 of [1,3] is not 1");
  CHECK(ShapeOf("Unsqueeze", {3, 2}, {{"axes", Ints{0, 3}}}) == "float[1,3,2,1]");
  CHECK(ShapeOf("Pad", {1, 2, 3, 3}, {{"pads", Ints{0, 0, 1, 1, 0, 0, 1, 1}}}) == "float[1,2,5,5]");
  CHECK(ShapeOf("Pad", {1, 2}, {{"pads", Ints{0, 0}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Pad, opset 13): pads = [0,0]: expected 4 values for a rank-2 input");
  CHECK(ShapeOf("Slice", {4, 10}, {{"starts", Ints{1}}, {"ends", Ints{-1}}, {"axes", Ints{1}}}) == "float[4,8]");
  CHECK(ShapeOf("Slice", {4, 10}, {{"starts", Ints{-1}}, {"ends", Ints{-100}}, {"axes", Ints{1}}, {"steps", Ints{-3}}}) ==
        "float[4,4]");
  CHECK(ShapeOf("Slice", {4, 10}, {{"starts", Ints{2}}, {"ends", Ints{INT64_MAX}}}) == "float[2,10]");
  CHECK(ShapeOf("Shape", {4, 10, 3}) == "int64[3]");
  CHECK(ShapeOf("Shape", {4, 10, 3}, {{"start", int64_t{1}}}) == "int64[2]");
}

TEST_CASE("Gather Concat and Split") {
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {5, 4});
  int idx = b.AddConst("i", {2}, {0, 3}, DType::kInt64);
  int g = b.AddOp("Gather", {x, idx}, {{"axis", int64_t{1}}});
  CHECK(b.graph().values[g].shape == Shape{5, 2});
  int c = b.AddOp("Concat", {x, g}, {{"axis", int64_t{-1}}});
  CHECK(b.graph().values[c].shape == Shape{5, 6});
  auto parts = b.TryAddMultiOp("Split", {c}, 2, {{"axis", int64_t{1}}, {"split", Ints{1, 5}}});
  REQUIRE(parts.ok());
  CHECK(b.graph().values[(*parts)[1]].shape == Shape{5, 5});
  auto bad = b.TryAddMultiOp("Split", {c}, 4, {{"axis", int64_t{1}}}, "sp");
  CHECK(bad.status().ToString() ==
        "InvalidArgument: m: node \"sp\" (Split, opset 13): cannot split dim 6 into 4 equal parts");
  auto cat = b.TryAddOp("Concat", {x, idx}, {{"axis", int64_t{0}}}, "cat");
  CHECK(cat.status().ToString() ==
        "InvalidArgument: m: node \"cat\" (Concat, opset 13): input 1 is int64[2], does not fit input 0 float[5,4] "
        "along axis 0");
}

TEST_CASE("InferShapes rejects absurd shapes wrong arity and unknown ops") {
  CHECK(ShapeOf("Reshape", {1}, {{"shape", Ints{1, 1, 1, 1, 1, 1, 1, 1, 1}}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Reshape, opset 13): output shape [1,1,1,1,1,1,1,1,1] has rank 9, "
        "more than 8");
  CHECK(ShapeOf("Add", {1 << 16, 1}, {}, {{1, 1 << 16}}) ==
        "InvalidArgument: m.onnx: node \"n\" (Add, opset 13): output shape [65536,65536] has more than 2^31 elements");
  CHECK(ShapeOf("Add", {2}) == "InvalidArgument: m.onnx: node \"n\" (Add, opset 13): expected 2 inputs, found 1");
  CHECK(ShapeOf("Loop", {2}) == "Unsupported: m.onnx: node \"n\" (Loop, opset 13): no shape rule for this op");
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {2});
  CHECK_FALSE(b.TryAddOp("Conv", {x}, {}).ok());
  CHECK(b.graph().nodes.empty());  // a failed TryAddOp leaves the graph unchanged
  CHECK(b.graph().values.size() == 1);
}

}  // namespace
}  // namespace cim
