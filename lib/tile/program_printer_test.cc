#include <catch2/catch.hpp>

#include "cim/tile/program.h"
#include "cim/tile/summary.h"
#include "cim/tile/tiling.h"
#include "tile/test_programs.h"

namespace cim {
namespace {

TEST_CASE("the tile IR prints every field a reader needs") {
  Program p = testing::TinyDenseProgram();
  REQUIRE(TileProgram(p, Mapping::kBnnI, {2, 4}).ok());
  PointwiseStep mul;
  mul.kind = PointwiseStep::Kind::kMul;
  mul.c = {0.5};
  p.tensors.push_back({"z", {3}, ValueSet::kReal});
  p.ops.push_back(PointwiseOp{"scale", 1, 2, 0, {mul}});
  p.output = 2;
  const std::string want =
      "program \"tiny\" producer=\"test\" source=\"\"\n"
      "input %0:binary{4} layout=NCHW scale=0.0039215686274509803 offset=0\n"
      "crossbar 2x4 mapping=BNN_I crossbars=4\n"
      "%1:int{3} = XbarLinear \"dense\"(%0) dense 4->3 weights=binary inputs=binary mapping=BNN_I patch=4 tiles=4\n"
      "    weight counts: +1=8 -1=4 0=0\n"
      "    tile xbar#0 group 0 in[0,2) out[0,2) cells 2x4\n"
      "    tile xbar#1 group 0 in[2,4) out[0,2) cells 2x4\n"
      "    tile xbar#2 group 0 in[0,2) out[2,3) cells 2x2\n"
      "    tile xbar#3 group 0 in[2,4) out[2,3) cells 2x2\n"
      "%2:real{3} = Pointwise \"scale\"(%1) axis=0\n"
      "    Mul [0.5]\n"
      "output %2:real{3}\n";
  CHECK(PrintProgram(p) == want);
  const std::string summary = PrintProgramSummary(p);
  CHECK(summary.find("dense                                    xbar dense           4           24     75.0            4           12") !=
        std::string::npos);
}

}  // namespace
}  // namespace cim
