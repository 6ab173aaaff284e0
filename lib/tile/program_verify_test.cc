#include <catch2/catch.hpp>

#include <climits>

#include "cim/tile/program.h"
#include "cim/tile/tiling.h"
#include "tile/test_programs.h"

namespace cim {
namespace {

Program Tiled() {
  Program p = testing::TinyDenseProgram();
  REQUIRE(TileProgram(p, Mapping::kBnnI, {4, 4}).ok());
  return p;
}

std::string Message(const Program& p) {
  Status s = VerifyProgram(p);
  return s.ok() ? "ok" : s.message();
}

TEST_CASE("a well-formed program verifies") { CHECK(Message(Tiled()) == "ok"); }

TEST_CASE("verify names the op and the broken invariant") {
  Program p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).weights.pop_back();
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): has 11 weights, geometry needs 12");

  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).weights[3] = 0;
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): weight 0 outside its value set");

  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).tiles.pop_back();
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): tiles do not cover the weight matrix exactly once");

  // A hostile file's tile bounds must not overflow the range check.
  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).tiles[0].row_begin = INT32_MAX;
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): tile outside the weight matrix");
  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).tiles[0].col_begin = INT32_MAX;
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): tile outside the weight matrix");

  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).input = 1;
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): reads tensor 1 before it is written");

  p = Tiled();
  p.output = 7;
  CHECK(Message(p) == "program output tensor 7 is never written");

  p = Tiled();
  p.tensors[1].shape = {-3};
  CHECK(Message(p) == "tensor 1 \"y\": absurd shape {-3}");

  p = Tiled();
  p.input.shape = {5};
  CHECK(Message(p) == "tensor 0 {4} differs from the input shape {5}");

  p = Tiled();
  std::get<XbarLinearOp>(p.ops[0]).mapping = Mapping::kBnnII;
  CHECK(Message(p) == "op 0 (XbarLinear \"dense\"): mapping BNN_II differs from the program's BNN_I");
}

TEST_CASE("verify checks digital op shapes") {
  Program p = Tiled();
  p.tensors.push_back({"z", {2}, ValueSet::kReal});
  p.ops.push_back(ReshapeOp{"flat", 1, 2});
  CHECK(Message(p) == "op 1 (Reshape \"flat\"): reshape changes the element count");
  p.tensors[2].shape = {3};
  CHECK(Message(p) == "ok");
  p.tensors.push_back({"t", {3}, ValueSet::kTernary});
  ThresholdOp t{"th", 2, 3, 0, {0, 1}, {0, 1}, {-1, -1}, {0, 0}, {1, 1}};
  p.ops.push_back(t);
  CHECK(Message(p) == "op 2 (Threshold \"th\"): the thresholds has 2 entries for 3 channels");
}

}  // namespace
}  // namespace cim
