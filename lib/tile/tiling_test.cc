#include "cim/tile/tiling.h"

#include <catch2/catch.hpp>

#include "cim/tile/summary.h"
#include "tile/test_programs.h"

namespace cim {
namespace {

Program ConvProgram(int64_t cin, int64_t cout, int64_t groups, bool ternary) {
  Program p;
  p.input.shape = {cin, 6, 6};
  p.input.layout = Layout::kNCHW;
  p.tensors = {{"x", {cin, 6, 6}, ValueSet::kBinary}, {"y", {cout, 4, 4}, ValueSet::kInteger}};
  XbarLinearOp x;
  x.name = "conv";
  x.output = 1;
  x.geom = {.in_channels = cin, .in_h = 6, .in_w = 6, .out_channels = cout, .out_h = 4, .out_w = 4,
            .kernel_h = 3, .kernel_w = 3, .groups = groups};
  x.ternary_weights = ternary;
  x.weights.assign(cout * x.geom.PatchSize(), 1);
  p.ops.push_back(x);
  p.output = 1;
  return p;
}

TEST_CASE("tiles cover every group's matrix exactly once within capacity") {
  // 40 input channels x 3x3 = 360 inputs per output, 300 outputs, 2 groups:
  // per group K = 180, M = 150. BNN_I on 64x64: 64 inputs x 32 outputs per tile.
  Program p = ConvProgram(40, 300, 2, false);
  REQUIRE(TileProgram(p, Mapping::kBnnI, {64, 64}).ok());
  const auto& x = std::get<XbarLinearOp>(p.ops[0]);
  // ceil(180/64) = 3 row tiles x ceil(150/32) = 5 column tiles x 2 groups.
  CHECK(x.tiles.size() == 30);
  CHECK(p.num_crossbars == 30);
  CHECK(x.tiles.back().row_count == 180 - 128);
  CHECK(x.tiles.back().col_count == 150 - 128);
  CHECK(VerifyProgram(p).ok());
  auto fp = ComputeFootprints(p);
  REQUIRE(fp.size() == 1);
  CHECK(fp[0].tiles == 30);
  CHECK(fp[0].cells_used == 2 * 180 * 150 * 2);  // BNN_I: 2 columns per output
  CHECK(fp[0].mvms_per_image == 30 * 16);
}

TEST_CASE("a BNN mapping refuses ternary layers and names the fix") {
  Program p = ConvProgram(4, 8, 1, true);
  Status s = TileProgram(p, Mapping::kBnnIII, {256, 256});
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "layer \"conv\" has ternary weights: mapping BNN_III stores only ±1; use a TNN mapping (e.g. TNN_I)");
  CHECK(TileProgram(p, Mapping::kTnnII, {256, 256}).ok());
}

TEST_CASE("a crossbar too small for the mapping is an error") {
  Program p = testing::TinyDenseProgram();
  Status s = TileProgram(p, Mapping::kBnnVI, {1, 2});
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "crossbar 1x2 holds no BNN_VI weight (needs at least 2 rows and 2 columns)");
}

}  // namespace
}  // namespace cim
