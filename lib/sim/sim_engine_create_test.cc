// SimXbarEngine::Create: config/program pairing errors and programming stats.

#include <catch2/catch.hpp>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;

Program SmallProgram(Mapping m) {
  return DenseProgram(std::vector<int8_t>(6 * 10, 1), 6, 10, m, {16, 16});
}

std::string CreateError(const Program& p, const XbarConfig& c) {
  auto e = SimXbarEngine::Create(p, c);
  return e.ok() ? "ok" : e.status().message();
}

TEST_CASE("Create rejects a config that does not fit the program") {
  const Program p = SmallProgram(Mapping::kBnnIII);
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  CHECK(CreateError(p, c) == "ok");

  XbarConfig mapping = c;
  mapping.mapping = Mapping::kBnnI;
  mapping.mapping_given = true;
  CHECK(CreateError(p, mapping) == "/mapping = \"BNN_I\": the program was compiled for BNN_III");
  mapping.mapping_given = false;  // the program's mapping is used
  CHECK(CreateError(p, mapping) == "ok");

  XbarConfig adc = c;
  adc.adc.kind = AdcKind::kSymmetric;
  CHECK(CreateError(p, adc) ==
        "/adc/type = \"SYM\": does not fit mapping BNN_III (it needs POS or INF)");
  adc.adc.kind_auto = true;  // "auto" resolves to POS
  CHECK(CreateError(p, adc) == "ok");

  XbarConfig geometry = c;
  geometry.geometry = {32, 16};
  CHECK(CreateError(p, geometry) ==
        "/geometry = 32x16: the program was compiled for 16x16 crossbars");

  XbarConfig device = c;
  device.device.lrs_ua = 5.0;
  CHECK(CreateError(p, device) == "/device: LRS = 5 uA and HRS = 5 uA: need LRS > HRS >= 0");
}

TEST_CASE("Create rejects a POS ADC on a differential mapping and a missing calibration") {
  const Program p = SmallProgram(Mapping::kTnnII);
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kPositive;
  CHECK(CreateError(p, c) ==
        "/adc/type = \"POS\": does not fit mapping TNN_II (it needs SYM or INF)");
  c.adc.kind = AdcKind::kSymmetric;
  c.adc.range = AdcRangeMode::kCalibrated;
  c.adc.calibration_file = "cal.json";
  c.adc.calibrated["conv0"] = {-1.0, 1.0};
  CHECK(CreateError(p, c) == "/adc/range = calibrated: no range for layer \"dense\" in \"cal.json\"");
  c.adc.calibrated["dense"] = {-1.0, 1.0};
  CHECK(CreateError(p, c) == "ok");
}

TEST_CASE("Create rejects a zero weight on a BNN mapping") {
  std::vector<int8_t> w(2 * 3, 1);
  w[4] = 0;
  Program p = DenseProgram(std::vector<int8_t>(6, 1), 2, 3, Mapping::kBnnV, {16, 16});
  std::get<XbarLinearOp>(p.ops[0]).weights = w;
  CHECK(CreateError(p, IdealConfig(p, 5.0, 30.0)) ==
        "layer \"dense\": weight 0 at output 1, input 1 cannot be stored by BNN_V (weights must "
        "be ±1)");
}

TEST_CASE("programming counts cells per layer as the mapping lays them out") {
  for (const MappingTraits& t : AllMappings()) {
    INFO(t.name);
    // 10 inputs x 6 outputs, all weights +1, on 16x16 crossbars.
    const Program p = SmallProgram(t.mapping);
    auto engine = testing::MustCreate(p, IdealConfig(p, 5.0, 30.0));
    const CellStats cells = engine->TotalCells();
    const auto& op = std::get<XbarLinearOp>(p.ops[0]);
    CHECK(cells.crossbars == static_cast<int64_t>(op.tiles.size()));
    CHECK(cells.cells_total == cells.crossbars * 256);
    CHECK(cells.cells_used == 10 * t.rows_per_input * 6 * t.cols_per_output);
    CHECK(cells.lrs_cells + cells.hrs_cells == cells.cells_total);
    // Each +1 weight takes exactly one LRS cell in every mapping but BNN_IV
    // (LRS only for −1) and BNN_VI/TNN_I (two: one per column).
    int64_t lrs_per_weight = 1;
    if (t.mapping == Mapping::kBnnIV) lrs_per_weight = 0;
    if (t.mapping == Mapping::kBnnVI || t.mapping == Mapping::kTnnI) lrs_per_weight = 2;
    CHECK(cells.lrs_cells == 60 * lrs_per_weight);
    CHECK(cells.lrs_current.Mean() == (lrs_per_weight ? 30.0 : 0.0));
    CHECK(cells.hrs_current.Mean() == 5.0);
    CHECK(cells.stuck_at_hrs + cells.stuck_at_lrs == 0);
  }
}

}  // namespace
}  // namespace cim::sim

namespace cim::sim {
namespace {

TEST_CASE("Compute rejects calls that do not match a programmed layer") {
  const Program p = SmallProgram(Mapping::kBnnI);
  auto engine = testing::MustCreate(p, IdealConfig(p, 5.0, 30.0));
  auto worker = engine->NewWorker();
  std::vector<int8_t> x(10, 1);
  std::vector<int32_t> y(6);
  XbarCall call;
  call.op = &std::get<XbarLinearOp>(p.ops[0]);
  call.op_index = 1;
  call.patches = x.data();
  call.num_patches = 1;
  call.out = y.data();
  Status s = worker->Compute(call);
  CHECK(s.message() == "crossbar call: op 1 is not a programmed crossbar layer");
  call.op_index = 0;
  call.op = nullptr;
  s = worker->Compute(call);
  CHECK(s.message() == "crossbar call for layer \"dense\": the op's shape differs from the "
                       "programmed layer");
  call.op = &std::get<XbarLinearOp>(p.ops[0]);
  CHECK(worker->Compute(call).ok());
  CHECK(y == std::vector<int32_t>(6, 10));
}

}  // namespace
}  // namespace cim::sim
