#include <catch2/catch.hpp>

#include "cim/graph/constant_eval.h"
#include "cim/graph/graph_builder.h"

namespace cim {
namespace {

using Ints = std::vector<int64_t>;
using Doubles = std::vector<double>;

// Evaluates op on constant inputs (shape, values) and returns the first output.
Tensor Eval(const std::string& op, std::vector<Tensor> inputs, AttrMap attrs = {}) {
  GraphBuilder b("m", 13);
  std::vector<int> ids;
  for (auto& t : inputs) ids.push_back(b.AddConst("c", t));
  b.AddOp(op, ids, std::move(attrs), "n");
  auto r = EvaluateNode(b.graph(), 0);
  REQUIRE(r.ok());
  return (*r)[0];
}

Tensor F(Shape s, Doubles v) { return Tensor{DType::kFloat, std::move(s), std::move(v)}; }
Tensor I(Shape s, Doubles v) { return Tensor{DType::kInt64, std::move(s), std::move(v)}; }

TEST_CASE("Sign follows ONNX: Sign(0) = 0 - the Larq chain Sign(Sign(x)+0.1) maps 0 to +1") {
  CHECK(Eval("Sign", {F({4}, {-2, 0, 3, -0.0})}).values == Doubles{-1, 0, 1, 0});
  Tensor s = Eval("Sign", {F({3}, {-2, 0, 3})});
  Tensor added = Eval("Add", {s, F({}, {0.1})});
  CHECK(Eval("Sign", {added}).values == Doubles{-1, 1, 1});
}

TEST_CASE("Binary ops broadcast and round to float32") {
  CHECK(Eval("Add", {F({2, 1}, {1, 2}), F({3}, {10, 20, 30})}).values == Doubles{11, 21, 31, 12, 22, 32});
  CHECK(Eval("Sub", {F({2}, {1, 2}), F({}, {0.5})}).values == Doubles{0.5, 1.5});
  CHECK(Eval("Mul", {F({}, {0.1}), F({}, {3})}).values[0] == static_cast<float>(0.1 * 3));
  CHECK(Eval("Div", {I({2}, {7, -7}), I({}, {2})}).values == Doubles{3, -3});
  CHECK(Eval("Greater", {F({3}, {1, 2, 3}), F({}, {2})}).values == Doubles{0, 0, 1});
  CHECK(Eval("Equal", {I({2}, {1, 2}), I({2}, {1, 3})}).values == Doubles{1, 0});
  CHECK(Eval("Max", {F({2}, {1, 5}), F({2}, {3, 2}), F({}, {4})}).values == Doubles{4, 5});
  CHECK(Eval("Min", {F({2}, {1, 5}), F({2}, {3, 2})}).values == Doubles{1, 2});
  CHECK(Eval("BipolarQuant", {F({4}, {-0.5, 0, 0.2, -3}), F({}, {0.5})}).values == Doubles{-0.5, 0.5, 0.5, -0.5});
}

TEST_CASE("Integer division by zero is an error not a crash") {
  GraphBuilder b("m", 13);
  int x = b.AddConst("a", I({1}, {4}));
  int y = b.AddConst("b", I({1}, {0}));
  b.AddOp("Div", {x, y}, {}, "d");
  CHECK(EvaluateNode(b.graph(), 0).status().ToString() ==
        "InvalidArgument: m: node \"d\" (Div, opset 13): integer division by zero");
}

TEST_CASE("Unary ops: Round half to even Clip Cast Relu Abs Neg Not") {
  CHECK(Eval("Round", {F({4}, {0.5, 1.5, -2.5, 2.6})}).values == Doubles{0, 2, -2, 3});
  CHECK(Eval("Clip", {F({3}, {-5, 0.5, 5})}, {{"min", -1.0}, {"max", 1.0}}).values == Doubles{-1, 0.5, 1});
  CHECK(Eval("Clip", {F({2}, {-5, 5})}, {{"min", 0.0}}).values == Doubles{0, 5});
  Tensor c = Eval("Cast", {F({3}, {-1.7, 0, 2.9})}, {{"to", std::string("int64")}});
  CHECK(c.dtype == DType::kInt64);
  CHECK(c.values == Doubles{-1, 0, 2});
  CHECK(Eval("Cast", {F({2}, {0, 3})}, {{"to", std::string("bool")}}).values == Doubles{0, 1});
  CHECK(Eval("Relu", {F({2}, {-1, 2})}).values == Doubles{0, 2});
  CHECK(Eval("Abs", {F({2}, {-1, 2})}).values == Doubles{1, 2});
  CHECK(Eval("Neg", {F({2}, {-1, 2})}).values == Doubles{1, -2});
  CHECK(Eval("Not", {Tensor{DType::kBool, {2}, {1, 0}}}).values == Doubles{0, 1});
  CHECK(Eval("Where", {Tensor{DType::kBool, {2}, {1, 0}}, F({2}, {1, 2}), F({}, {9})}).values == Doubles{1, 9});
}

TEST_CASE("Transpose HWIO weights to OIHW") {
  // [kh=1, kw=2, cin=1, cout=3] -> [3, 1, 1, 2]
  Tensor t = Eval("Transpose", {F({1, 2, 1, 3}, {1, 2, 3, 4, 5, 6})}, {{"perm", Ints{3, 2, 0, 1}}});
  CHECK(t.shape == Shape{3, 1, 1, 2});
  CHECK(t.values == Doubles{1, 4, 2, 5, 3, 6});
}

TEST_CASE("Shape Gather Concat Unsqueeze and Reshape fold a dynamic flatten") {
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {1, 4, 4, 8});
  int shape = b.AddOp("Shape", {x});
  auto r = EvaluateNode(b.graph(), 0);
  REQUIRE(r.ok());
  CHECK((*r)[0].values == Doubles{1, 4, 4, 8});
  CHECK(IsFoldable(b.graph(), 0));
  (void)shape;
  Tensor g = Eval("Gather", {I({4}, {1, 4, 4, 8}), I({}, {0})});
  CHECK(g.shape.empty());
  CHECK(g.values == Doubles{1});
  Tensor u = Eval("Unsqueeze", {g}, {{"axes", Ints{0}}});
  CHECK(u.shape == Shape{1});
  Tensor c = Eval("Concat", {u, I({1}, {-1})}, {{"axis", int64_t{0}}});
  CHECK(c.values == Doubles{1, -1});
  CHECK(Eval("Gather", {F({2, 3}, {1, 2, 3, 4, 5, 6}), I({2}, {2, -3})}, {{"axis", int64_t{1}}}).values ==
        Doubles{3, 1, 6, 4});
  CHECK(Eval("Concat", {F({2, 1}, {1, 2}), F({2, 2}, {3, 4, 5, 6})}, {{"axis", int64_t{1}}}).values ==
        Doubles{1, 3, 4, 2, 5, 6});
}

TEST_CASE("Gather rejects an index out of range") {
  GraphBuilder b("m", 13);
  int d = b.AddConst("d", F({3}, {1, 2, 3}));
  int i = b.AddConst("i", I({1}, {3}));
  b.AddOp("Gather", {d, i}, {}, "g");
  CHECK(EvaluateNode(b.graph(), 0).status().ToString() ==
        "InvalidArgument: m: node \"g\" (Gather, opset 13): index 3 out of range [-3, 2]");
}

TEST_CASE("Slice Split Pad MatMul and reductions") {
  Tensor x = F({2, 4}, {0, 1, 2, 3, 4, 5, 6, 7});
  CHECK(Eval("Slice", {x}, {{"starts", Ints{1}}, {"ends", Ints{-1}}, {"axes", Ints{1}}}).values ==
        Doubles{1, 2, 5, 6});
  CHECK(Eval("Slice", {x}, {{"starts", Ints{-1}}, {"ends", Ints{-100}}, {"axes", Ints{1}}, {"steps", Ints{-2}}})
            .values == Doubles{3, 1, 7, 5});
  GraphBuilder b("m", 13);
  int c = b.AddConst("x", x);
  auto parts = b.TryAddMultiOp("Split", {c}, 2, {{"axis", int64_t{1}}, {"split", Ints{1, 3}}});
  REQUIRE(parts.ok());
  auto r = EvaluateNode(b.graph(), 0);
  REQUIRE(r.ok());
  CHECK((*r)[0].values == Doubles{0, 4});
  CHECK((*r)[1].values == Doubles{1, 2, 3, 5, 6, 7});
  CHECK(Eval("Pad", {F({1, 2}, {1, 2})}, {{"pads", Ints{0, 1, 0, 2}}, {"value", 9.0}}).values ==
        Doubles{9, 1, 2, 9, 9});
  CHECK(Eval("MatMul", {F({1, 2}, {1, 2}), F({2, 2}, {1, 2, 3, 4})}).values == Doubles{7, 10});
  CHECK(Eval("MatMul", {F({2, 1, 2}, {1, 2, 3, 4}), F({2, 1}, {1, 1})}).values == Doubles{3, 7});
  CHECK(Eval("ReduceMean", {x}, {{"axes", Ints{1}}, {"keepdims", int64_t{0}}}).values == Doubles{1.5, 5.5});
  CHECK(Eval("ReduceSum", {x}, {{"axes", Ints{0}}}).values == Doubles{4, 6, 8, 10});
  CHECK(Eval("ReduceMax", {x}).values == Doubles{7});
}

TEST_CASE("IsFoldable needs every present input constant") {
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {2});
  int c = b.AddConst("c", F({2}, {1, 2}));
  b.AddOp("Add", {x, c});
  b.AddOp("Sign", {c});
  b.AddOp("Conv", {b.AddConst("i", F({1, 1, 2, 2}, {1, 2, 3, 4})), b.AddConst("w", F({1, 1, 1, 1}, {1}))});
  CHECK_FALSE(IsFoldable(b.graph(), 0));
  CHECK(IsFoldable(b.graph(), 1));
  CHECK_FALSE(IsFoldable(b.graph(), 2));  // no Conv evaluator
}

}  // namespace
}  // namespace cim
