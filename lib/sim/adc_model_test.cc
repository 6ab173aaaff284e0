#include "sim/adc_model.h"

#include <catch2/catch.hpp>

namespace cim::sim {
namespace {

AdcConfig Quantising(AdcKind kind, int bits, AdcRangeMode range) {
  AdcConfig c;
  c.kind = kind;
  c.bits = bits;
  c.range = range;
  return c;
}

const DeviceConfig kDevice{5.0, 30.0, -0.2};
const AdcTileContext kPosTile{AdcPolarity::kPositive, 256, 100, "conv1"};
const AdcTileContext kSymTile{AdcPolarity::kSymmetric, 256, 100, "conv1"};

TEST_CASE("INF passes the input through unclipped") {
  auto adc = MakeTileAdc(AdcConfig{}, kDevice, kPosTile);
  REQUIRE(adc.ok());
  const AdcSample s = adc->Convert(-1234.5);
  CHECK(s.level_ua == -1234.5);
  CHECK(s.clipped == 0);
}

TEST_CASE("POS has 2^b levels over [0, rows·LRS] for the max range") {
  auto adc = MakeTileAdc(Quantising(AdcKind::kPositive, 4, AdcRangeMode::kMax), kDevice, kPosTile);
  REQUIRE(adc.ok());
  CHECK(adc->levels == 16);
  CHECK(adc->lo_ua == 0.0);
  CHECK(adc->hi_ua == 256 * 30.0);
  CHECK(adc->step_ua == 256 * 30.0 / 15);
  // 1.5 steps rounds half away from zero to code 2.
  const AdcSample s = adc->Convert(1.5 * adc->step_ua);
  CHECK(s.code == 2);
  CHECK(s.level_ua == 2 * adc->step_ua);
  CHECK(adc->Convert(-1.0).clipped == -1);
  CHECK(adc->Convert(-1.0).code == 0);
  CHECK(adc->Convert(adc->hi_ua + 1.0).clipped == 1);
  CHECK(adc->Convert(adc->hi_ua + 1.0).code == 15);
  CHECK(adc->Convert(adc->hi_ua).clipped == 0);
}

TEST_CASE("SYM has 2^b - 1 levels and 0 is one of them") {
  auto adc =
      MakeTileAdc(Quantising(AdcKind::kSymmetric, 3, AdcRangeMode::kMax), kDevice, kSymTile);
  REQUIRE(adc.ok());
  CHECK(adc->levels == 7);
  CHECK(adc->lo_ua == -256 * 25.0);
  CHECK(adc->hi_ua == 256 * 25.0);
  CHECK(adc->Convert(0.0).code == 3);
  CHECK(adc->Convert(0.0).level_ua == 0.0);
}

TEST_CASE("mapping_max spans the rows one phase of the tile can drive") {
  auto pos = MakeTileAdc(Quantising(AdcKind::kPositive, 8, AdcRangeMode::kMappingMax), kDevice,
                         kPosTile);
  REQUIRE(pos.ok());
  CHECK(pos->lo_ua == 0.0);
  CHECK(pos->hi_ua == 100 * 25.0);
  auto sym = MakeTileAdc(Quantising(AdcKind::kSymmetric, 8, AdcRangeMode::kMappingMax), kDevice,
                         kSymTile);
  REQUIRE(sym.ok());
  CHECK(sym->lo_ua == -100 * 25.0);
  CHECK(sym->hi_ua == 100 * 25.0);
}

TEST_CASE("calibrated and explicit ranges") {
  AdcConfig c = Quantising(AdcKind::kPositive, 8, AdcRangeMode::kCalibrated);
  c.calibration_file = "cal.json";
  c.calibrated["conv1"] = {10.0, 90.0};
  auto adc = MakeTileAdc(c, kDevice, kPosTile);
  REQUIRE(adc.ok());
  CHECK(adc->lo_ua == 10.0);
  CHECK(adc->hi_ua == 90.0);

  AdcTileContext other = kPosTile;
  other.layer = "dense_2";
  auto missing = MakeTileAdc(c, kDevice, other);
  REQUIRE(!missing.ok());
  CHECK(missing.status().message() ==
        "/adc/range = calibrated: no range for layer \"dense_2\" in \"cal.json\"");

  AdcConfig e = Quantising(AdcKind::kPositive, 8, AdcRangeMode::kExplicit);
  e.explicit_range = {3.0, 1.0};
  auto bad = MakeTileAdc(e, kDevice, kPosTile);
  REQUIRE(!bad.ok());
  CHECK(bad.status().message() == "/adc/range = [3, 1]: lo must be < hi");
}

TEST_CASE("bad ADC bits are errors") {
  auto zero = MakeTileAdc(Quantising(AdcKind::kPositive, 0, AdcRangeMode::kMax), kDevice, kPosTile);
  REQUIRE(!zero.ok());
  CHECK(zero.status().message() == "/adc/bits = 0: must be in [1, 16]");
  auto one =
      MakeTileAdc(Quantising(AdcKind::kSymmetric, 1, AdcRangeMode::kMax), kDevice, kSymTile);
  REQUIRE(!one.ok());
  CHECK(one.status().message() ==
        "/adc/bits = 1: a SYM ADC needs at least 2 bits (2^b − 1 levels)");
}

}  // namespace
}  // namespace cim::sim
