// lower_to_program through CompileGraph: the digital ops (residual Add,
// pooling, flatten) and the Unsupported messages.

#include "cim/passes/pipeline.h"
#include "lib/passes/test_support.h"

namespace cim {
namespace {

using namespace cim::testing;

Result<Program> Compile(const Graph& g) { return CompileGraph(g, CompileOptions()); }

Doubles Signs(int64_t n) {
  Doubles w(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) w[i] = (i * 5) % 3 ? 1.0 : -1.0;
  return w;
}

TEST_CASE("a residual Add of two branches is a BinaryOp", "[lower_to_program]") {
  GraphBuilder b("r.onnx", 13);
  const int s = SteSign(b, b.AddInput("x", {1, 2, 4, 4}), "q");
  const int a = b.AddOp("Conv", {s, b.AddConst("wa", {2, 2, 3, 3}, Signs(36))}, {{"pads", Ints{1, 1, 1, 1}}}, "a");
  const int c = b.AddOp("Conv", {s, b.AddConst("wc", {2, 2, 1, 1}, Signs(4))}, {}, "shortcut");
  b.MarkOutput(b.AddOp("Add", {a, c}, {}, "residual"));
  Result<Program> p = Compile(std::move(b).Finish());
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  CHECK(OpKinds(*p) == "Pointwise,XbarLinear,XbarLinear,Binary");
  const BinaryOp& add = *OpsOf<BinaryOp>(*p)[0];
  CHECK(add.kind == BinaryOp::Kind::kAdd);
  CHECK(add.lhs == OpsOf<XbarLinearOp>(*p)[0]->output);
  CHECK(add.rhs == OpsOf<XbarLinearOp>(*p)[1]->output);
  CHECK(p->output == add.output);
  CHECK(p->tensors[add.output].values == ValueSet::kInteger);  // sum of two crossbar outputs
}

TEST_CASE("GlobalAveragePool and ReduceMean over H,W are global average pools", "[lower_to_program]") {
  for (int keepdims : {1, 0}) {
    GraphBuilder b("p.onnx", 13);
    const int x = b.AddInput("x", {1, 3, 4, 4});
    const int gap = b.AddOp("GlobalAveragePool", {x}, {}, "gap");
    const int mean = b.AddOp("ReduceMean", {gap}, {{"axes", Ints{2, 3}}, {"keepdims", int64_t{keepdims}}}, "mean");
    const int mp = b.AddOp("MaxPool", {x}, {{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}, {"pads", Ints{0, 0, 1, 1}}}, "mp");
    const int flat = b.AddOp("Flatten", {mp}, {{"axis", int64_t{1}}}, "flat");
    const int mm = b.AddOp("MatMul", {flat, b.AddConst("w", {12, 1}, Doubles(12, 0.5))}, {}, "dense");
    (void)mm;
    b.MarkOutput(mean);
    Result<Program> p = Compile(std::move(b).Finish());
    INFO(p.status().ToString());
    REQUIRE(p.ok());
    CHECK(OpKinds(*p) == (keepdims ? "Pool,Pool" : "Pool,Pool,Reshape"));  // the dead MaxPool branch is gone
    const auto pools = OpsOf<PoolOp>(*p);
    CHECK(pools[0]->kind == PoolOp::Kind::kGlobalAverage);
    CHECK(pools[1]->kind == PoolOp::Kind::kGlobalAverage);
    CHECK(p->tensors[p->output].shape == (keepdims ? Dims{3, 1, 1} : Dims{3}));
  }
}

TEST_CASE("MaxPool with pads and an NHWC flatten before a dense layer", "[lower_to_program]") {
  GraphBuilder b("f.onnx", 13);
  const int x = b.AddInput("x", {1, 2, 5, 5});
  const int mp = b.AddOp("MaxPool", {x}, {{"kernel_shape", Ints{2, 2}}, {"strides", Ints{2, 2}}, {"pads", Ints{0, 0, 1, 1}}}, "mp");
  const int t = b.AddOp("Transpose", {mp}, {{"perm", Ints{0, 2, 3, 1}}}, "to_nhwc");
  const int flat = b.AddOp("Reshape", {t}, {{"shape", Ints{1, 18}}}, "flatten");
  b.MarkOutput(b.AddOp("MatMul", {flat, b.AddConst("w", {18, 2}, Doubles(36, 0.25))}, {}, "dense"));
  Result<Program> p = Compile(std::move(b).Finish());
  INFO(p.status().ToString());
  REQUIRE(p.ok());
  CHECK(OpKinds(*p) == "Pool,Transpose,Reshape,DigitalLinear");
  const PoolOp& pool = *OpsOf<PoolOp>(*p)[0];
  CHECK((pool.kind == PoolOp::Kind::kMax && pool.pad_bottom == 1 && pool.pad_right == 1 && pool.pad_top == 0));
  CHECK(OpsOf<TransposeOp>(*p)[0]->perm == Ints{1, 2, 0});
  CHECK(p->tensors[OpsOf<ReshapeOp>(*p)[0]->output].shape == Dims{18});
  CHECK(OpsOf<DigitalLinearOp>(*p)[0]->dense);
}

TEST_CASE("ops without a tile-IR form are Unsupported, naming the node and the way out", "[lower_to_program]") {
  SECTION("LogSoftmax") {
    GraphBuilder b("u.onnx", 13);
    b.MarkOutput(b.AddOp("LogSoftmax", {b.AddInput("x", {1, 10})}, {{"axis", int64_t{1}}}, "lsm"));
    CHECK(Compile(std::move(b).Finish()).status().ToString() ==
          "Unsupported: u.onnx: node \"lsm\" (LogSoftmax, opset 13): LogSoftmax has no tile-IR op yet; export "
          "Softmax (argmax accuracy is the same)");
  }
  SECTION("a comparison on real values (no crossbar output to fold it from)") {
    GraphBuilder b("u.onnx", 13);
    const int x = b.AddInput("x", {1, 4});
    b.MarkOutput(b.AddOp("Cast", {b.AddOp("Greater", {x, Scalar(b, "z", 0.0)}, {}, "gt")}, {{"to", std::string("float")}}, "cast"));
    CHECK(Compile(std::move(b).Finish()).status().ToString() ==
          "Unsupported: u.onnx: node \"gt\" (Greater, opset 13): comparisons are supported only inside a quantizer "
          "chain that folds into a threshold, i.e. one computed from a crossbar layer's integer output and constants "
          "alone");
  }
  SECTION("a constant that varies along two axes") {
    GraphBuilder b("u.onnx", 13);
    const int x = b.AddInput("x", {1, 2, 2, 2});
    b.MarkOutput(b.AddOp("Mul", {x, b.AddConst("c", {1, 2, 2, 1}, {1, 2, 3, 4})}, {}, "mul"));
    CHECK(Compile(std::move(b).Finish()).status().ToString() ==
          "Unsupported: u.onnx: node \"mul\" (Mul, opset 13): constant [1,2,2,1] varies along more than one axis of "
          "the data [1,2,2,2]; only scalar or per-channel constants are supported");
  }
  SECTION("Max of two tensors") {
    GraphBuilder b("u.onnx", 13);
    const int x = b.AddInput("x", {1, 4});
    b.MarkOutput(b.AddOp("Max", {x, b.AddOp("Neg", {x})}, {}, "max"));
    CHECK(Compile(std::move(b).Finish()).status().ToString() ==
          "Unsupported: u.onnx: node \"max\" (Max, opset 13): expected one tensor and constants, or two tensors of "
          "equal shape (Add, Sub, Mul)");
  }
}

}  // namespace
}  // namespace cim
