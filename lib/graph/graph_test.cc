#include <catch2/catch.hpp>

#include "cim/graph/graph.h"
#include "cim/graph/graph_builder.h"

namespace cim {
namespace {

TEST_CASE("NumElements and ShapeToString") {
  CHECK(NumElements({}) == 1);
  CHECK(NumElements({2, 3, 4}) == 24);
  CHECK(NumElements({2, 0}) == 0);
  CHECK(ShapeToString({}) == "[]");
  CHECK(ShapeToString({1, kUnknownDim, 3}) == "[1,?,3]");
}

TEST_CASE("Node attribute getters convert ints and floats and fall back to defaults") {
  Node n;
  n.attrs = {{"i", int64_t{4}}, {"f", 0.5}, {"s", std::string("x")}, {"v", std::vector<int64_t>{1, 2}}};
  CHECK(n.GetInt("i", 0) == 4);
  CHECK(n.GetInt("missing", 7) == 7);
  CHECK(n.GetFloat("f", 0) == 0.5);
  CHECK(n.GetFloat("i", 0) == 4.0);
  CHECK(n.GetString("s", "") == "x");
  CHECK(n.GetString("i", "d") == "d");
  CHECK(n.GetInts("v") == std::vector<int64_t>{1, 2});
  CHECK(n.GetInts("i") == std::vector<int64_t>{4});
  CHECK(n.GetInts("missing", {9}) == std::vector<int64_t>{9});
}

TEST_CASE("Consumers ReplaceAllUses and RemoveDeadNodes renumber and keep order") {
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {1, 4});
  int dead_c = b.AddConst("unused", {1}, {3});
  int a = b.AddOp("Relu", {x}, {}, "a");
  int dead = b.AddOp("Neg", {a}, {}, "dead");
  int c = b.AddOp("Abs", {a}, {}, "c");
  int d = b.AddOp("Sign", {c}, {}, "d");
  b.MarkOutput(d);
  Graph g = std::move(b).Finish();
  CHECK(g.Consumers(a) == std::vector<int>{1, 2});
  CHECK(g.Consumers(d).empty());
  // Bypass Abs: Sign reads Relu directly; Abs and Neg become dead.
  g.ReplaceAllUses(c, a);
  CHECK(g.nodes[3].inputs == std::vector<int>{a});
  g.RemoveDeadNodes();
  REQUIRE(g.nodes.size() == 2);
  CHECK(g.nodes[0].name == "a");
  CHECK(g.nodes[1].name == "d");
  CHECK(g.values.size() == 3);
  CHECK(g.nodes[1].inputs == std::vector<int>{1});
  CHECK(g.outputs == std::vector<int>{2});
  CHECK(g.values[2].producer == 1);
  CHECK(g.Verify().ok());
  (void)dead_c;
  (void)dead;
}

TEST_CASE("ReplaceAllUses also rewires graph outputs") {
  GraphBuilder b("m", 13);
  int x = b.AddInput("x", {2});
  int id = b.AddOp("Identity", {x}, {}, "id");
  int r = b.AddOp("Relu", {id}, {}, "r");
  b.MarkOutput(id);
  b.MarkOutput(r);
  Graph g = std::move(b).Finish();
  g.ReplaceAllUses(id, x);
  CHECK(g.outputs == std::vector<int>{x, r});
  g.RemoveDeadNodes();
  CHECK(g.nodes.size() == 1);
  CHECK(g.nodes[0].op_type == "Relu");
  CHECK(g.nodes[0].inputs == std::vector<int>{0});
}

TEST_CASE("AddConstant and IsConstant") {
  Graph g;
  int c = g.AddConstant("c", Tensor{DType::kInt64, {2}, {1, 2}});
  CHECK(g.IsConstant(c));
  CHECK_FALSE(g.IsConstant(-1));
  CHECK_FALSE(g.IsConstant(5));
  CHECK(g.values[c].dtype == DType::kInt64);
  CHECK(g.ConstantOf(c).values == std::vector<double>{1, 2});
}

}  // namespace
}  // namespace cim
