// Every shipped config in configs/ must load, and the reference ones must say
// what docs/config.md says they do.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cim/sim/xbar_config_json.h"

namespace cim {
namespace {

std::string ConfigPath(const std::string& name) {
  return std::string(CIM_SOURCE_DIR) + "/configs/" + name;
}

XbarConfig LoadOk(const std::string& path) {
  Result<XbarConfig> cfg = LoadXbarConfig(path);
  INFO(path << ": " << cfg.status().ToString());
  REQUIRE(cfg.ok());
  return cfg.value();
}

TEST_CASE("configs: every file in configs/ parses", "[config]") {
  int files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(CIM_SOURCE_DIR) + "/configs")) {
    if (entry.path().extension() != ".json") continue;
    LoadOk(entry.path().string());
    ++files;
  }
  CHECK(files >= 6);
}

TEST_CASE("configs: ideal.json is an ideal 256x256 crossbar", "[config]") {
  const XbarConfig cfg = LoadOk(ConfigPath("ideal.json"));
  CHECK(cfg.geometry.rows == 256);
  CHECK(cfg.geometry.cols == 256);
  CHECK(cfg.adc.kind == AdcKind::kInf);
  CHECK_FALSE(cfg.adc.kind_auto);
  CHECK(cfg.noise.d2d.hrs_ua == 0.0);
  CHECK(cfg.noise.d2d.lrs_ua == 0.0);
  CHECK(cfg.noise.c2c.hrs_ua == 0.0);
  CHECK(cfg.noise.c2c.lrs_ua == 0.0);
  CHECK(cfg.noise.stuck_at_hrs == 0.0);
  CHECK(cfg.noise.stuck_at_lrs == 0.0);
  CHECK_FALSE(cfg.mapping_given);
}

TEST_CASE("configs: default.json is a realistic 4-bit crossbar", "[config]") {
  const XbarConfig cfg = LoadOk(ConfigPath("default.json"));
  CHECK(cfg.geometry.rows == 256);
  CHECK(cfg.geometry.cols == 256);
  CHECK(cfg.adc.kind_auto);
  CHECK(cfg.adc.bits == 4);
  CHECK(cfg.adc.range == AdcRangeMode::kMax);
  CHECK(cfg.device.hrs_ua == 5.0);
  CHECK(cfg.device.lrs_ua == 30.0);
  CHECK(cfg.noise.d2d.lrs_ua > 0.0);
  CHECK(cfg.noise.c2c.lrs_ua > 0.0);
}

TEST_CASE("configs: conductance.json gives the default currents in the g form", "[config]") {
  const XbarConfig cfg = LoadOk(ConfigPath("conductance.json"));
  CHECK(cfg.device.hrs_ua == Approx(5.0));
  CHECK(cfg.device.lrs_ua == Approx(30.0));
}

}  // namespace
}  // namespace cim
