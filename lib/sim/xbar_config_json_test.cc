// Parsing valid configs, defaults, the conductance form, ADC "auto", and the
// round trip through XbarConfigToJson.
#include "cim/sim/xbar_config_json.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "cim/sim/calibration_file.h"

namespace cim {
namespace {

using json = nlohmann::json;

XbarConfig ParseOk(const std::string& text, const std::string& base_dir = "") {
  Result<XbarConfig> cfg = ParseXbarConfig(text, "cfg.json", base_dir);
  INFO(cfg.status().ToString());
  REQUIRE(cfg.ok());
  return cfg.value();
}

// A fresh directory under the build tree, one per test case.
std::string FreshDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CIM_BINARY_DIR) / "test_tmp/sim" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

void ExpectSameConfig(const XbarConfig& a, const XbarConfig& b) {
  CHECK(a.geometry.rows == b.geometry.rows);
  CHECK(a.geometry.cols == b.geometry.cols);
  CHECK(a.mapping == b.mapping);
  CHECK(a.mapping_given == b.mapping_given);
  CHECK(a.device.hrs_ua == b.device.hrs_ua);
  CHECK(a.device.lrs_ua == b.device.lrs_ua);
  CHECK(a.device.v_read_v == b.device.v_read_v);
  CHECK(a.adc.kind == b.adc.kind);
  CHECK(a.adc.kind_auto == b.adc.kind_auto);
  CHECK(a.adc.bits == b.adc.bits);
  CHECK(a.adc.range == b.adc.range);
  CHECK(a.adc.explicit_range.lo == b.adc.explicit_range.lo);
  CHECK(a.adc.explicit_range.hi == b.adc.explicit_range.hi);
  CHECK(a.adc.calibration_file == b.adc.calibration_file);
  CHECK(a.adc.calibrated.size() == b.adc.calibrated.size());
  for (const auto& [name, r] : a.adc.calibrated) {
    REQUIRE(b.adc.calibrated.count(name) == 1);
    CHECK(b.adc.calibrated.at(name).lo == r.lo);
    CHECK(b.adc.calibrated.at(name).hi == r.hi);
  }
  CHECK(a.noise.d2d.hrs_ua == b.noise.d2d.hrs_ua);
  CHECK(a.noise.d2d.lrs_ua == b.noise.d2d.lrs_ua);
  CHECK(a.noise.c2c.hrs_ua == b.noise.c2c.hrs_ua);
  CHECK(a.noise.c2c.lrs_ua == b.noise.c2c.lrs_ua);
  CHECK(a.noise.stuck_at_hrs == b.noise.stuck_at_hrs);
  CHECK(a.noise.stuck_at_lrs == b.noise.stuck_at_lrs);
  CHECK(a.read_disturb.enabled == b.read_disturb.enabled);
  CHECK(a.read_disturb.t_read_s == b.read_disturb.t_read_s);
  CHECK(a.read_disturb.counting == b.read_disturb.counting);
  CHECK(a.read_disturb.mitigation == b.read_disturb.mitigation);
  CHECK(a.read_disturb.fp == b.read_disturb.fp);
  CHECK(a.read_disturb.tolerance == b.read_disturb.tolerance);
  CHECK(a.read_disturb.update_interval_mvms == b.read_disturb.update_interval_mvms);
  CHECK(a.seed == b.seed);
}

void ExpectRoundTrip(const XbarConfig& cfg) {
  const json doc = XbarConfigToJson(cfg);
  Result<XbarConfig> back = XbarConfigFromJson(doc, "roundtrip", "");
  INFO(doc.dump() << " -> " << back.status().ToString());
  REQUIRE(back.ok());
  ExpectSameConfig(cfg, back.value());
  CHECK(XbarConfigToJson(back.value()) == doc);
}

constexpr const char* kFull = R"({
  "_comment": "the example of docs/config.md",
  "geometry": {"rows": 128, "cols": 64},
  "mapping": "BNN_III",
  "device": {"hrs_ua": 4.5, "lrs_ua": 31.25, "v_read_v": -0.3},
  "adc": {"type": "auto", "bits": 5, "range": "mapping_max"},
  "variability": {"d2d": {"hrs_ua": 0.25, "lrs_ua": 1.5}, "c2c": {"hrs_ua": 0.125, "lrs_ua": 0.75}},
  "faults": {"stuck_at_hrs": 0.01, "stuck_at_lrs": 0.02},
  "seed": 18446744073709551615
})";

TEST_CASE("config: an empty object gives the defaults", "[config]") {
  const XbarConfig cfg = ParseOk("{}");
  const XbarConfig defaults;
  ExpectSameConfig(cfg, defaults);
  CHECK_FALSE(cfg.mapping_given);
  CHECK(cfg.adc.kind == AdcKind::kInf);
  CHECK(cfg.geometry.rows == 256);
}

TEST_CASE("config: every key is read", "[config]") {
  const XbarConfig cfg = ParseOk(kFull);
  CHECK(cfg.geometry.rows == 128);
  CHECK(cfg.geometry.cols == 64);
  CHECK(cfg.mapping == Mapping::kBnnIII);
  CHECK(cfg.mapping_given);
  CHECK(cfg.device.hrs_ua == 4.5);
  CHECK(cfg.device.lrs_ua == 31.25);
  CHECK(cfg.device.v_read_v == -0.3);
  CHECK(cfg.adc.kind_auto);
  CHECK(cfg.adc.kind == AdcKind::kPositive);  // BNN_III is single-ended
  CHECK(cfg.adc.bits == 5);
  CHECK(cfg.adc.range == AdcRangeMode::kMappingMax);
  CHECK(cfg.noise.d2d.hrs_ua == 0.25);
  CHECK(cfg.noise.d2d.lrs_ua == 1.5);
  CHECK(cfg.noise.c2c.hrs_ua == 0.125);
  CHECK(cfg.noise.c2c.lrs_ua == 0.75);
  CHECK(cfg.noise.stuck_at_hrs == 0.01);
  CHECK(cfg.noise.stuck_at_lrs == 0.02);
  CHECK(cfg.seed == 18446744073709551615ull);
}

TEST_CASE("config: conductances are converted with |v_read|", "[config]") {
  const XbarConfig cfg =
      ParseOk(R"({"device": {"g_min_us": 10, "g_max_us": 80, "v_read_v": -0.25}})");
  CHECK(cfg.device.hrs_ua == 2.5);
  CHECK(cfg.device.lrs_ua == 20.0);
  CHECK(cfg.device.v_read_v == -0.25);
  // Without v_read_v the default -0.2 V applies.
  const XbarConfig d = ParseOk(R"({"device": {"g_min_us": 25, "g_max_us": 150}})");
  CHECK(d.device.hrs_ua == Approx(5.0));
  CHECK(d.device.lrs_ua == Approx(30.0));
}

TEST_CASE("config: ADC auto follows the mapping, INF stays INF", "[config]") {
  CHECK(ParseOk(R"({"mapping": "BNN_I", "adc": {"type": "auto"}})").adc.kind ==
        AdcKind::kSymmetric);
  CHECK(ParseOk(R"({"mapping": "TNN_V", "adc": {"type": "auto"}})").adc.kind == AdcKind::kPositive);
  CHECK(ParseOk(R"({"mapping": "BNN_V", "adc": {"type": "INF"}})").adc.kind == AdcKind::kInf);

  // Without a mapping in the config, the program's mapping decides later.
  XbarConfig cfg = ParseOk(R"({"adc": {"type": "auto"}})");
  CHECK(cfg.adc.kind_auto);
  REQUIRE(ResolveXbarConfig(cfg, Mapping::kTnnIV).ok());
  CHECK(cfg.mapping == Mapping::kTnnIV);
  CHECK(cfg.adc.kind == AdcKind::kPositive);

  XbarConfig sym = ParseOk(R"({"adc": {"type": "SYM"}})");
  const Status s = ResolveXbarConfig(sym, Mapping::kBnnV);
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "/adc/type = \"SYM\": does not fit mapping BNN_V (it needs POS or INF)");

  // A mapping given in the config wins over the program's.
  XbarConfig given = ParseOk(R"({"mapping": "BNN_VI", "adc": {"type": "auto"}})");
  REQUIRE(ResolveXbarConfig(given, Mapping::kBnnIII).ok());
  CHECK(given.mapping == Mapping::kBnnVI);
  CHECK(given.adc.kind == AdcKind::kSymmetric);
}

TEST_CASE("config: explicit ADC range", "[config]") {
  const XbarConfig cfg = ParseOk(R"({"adc": {"type": "SYM", "range": [-12.5, 40]}})");
  CHECK(cfg.adc.range == AdcRangeMode::kExplicit);
  CHECK(cfg.adc.explicit_range.lo == -12.5);
  CHECK(cfg.adc.explicit_range.hi == 40.0);
}

TEST_CASE("config: calibrated range loads the file relative to the config", "[config]") {
  const std::string dir = FreshDir("config_calibrated");
  std::filesystem::create_directories(dir + "/cal");
  const std::map<std::string, AdcRange> ranges = {{"fc1", {-3.5, 7.25}}, {"conv/2", {0, 99}}};
  REQUIRE(WriteCalibration(dir + "/cal/mlp.json", ranges, json::object()).ok());
  {
    std::ofstream out(dir + "/cfg.json");
    out << R"({"adc": {"type": "SYM", "range": "calibrated", "calibration": "cal/mlp.json"}})";
  }
  Result<XbarConfig> cfg = LoadXbarConfig(dir + "/cfg.json");
  INFO(cfg.status().ToString());
  REQUIRE(cfg.ok());
  CHECK(cfg->adc.range == AdcRangeMode::kCalibrated);
  CHECK(cfg->adc.calibration_file == dir + "/cal/mlp.json");
  REQUIRE(cfg->adc.calibrated.size() == 2);
  CHECK(cfg->adc.calibrated.at("fc1").lo == -3.5);
  CHECK(cfg->adc.calibrated.at("conv/2").hi == 99.0);
  ExpectRoundTrip(cfg.value());
}

TEST_CASE("config: a calibration file is only loaded for the calibrated range", "[config]") {
  // Lets `--set adc.range=max` switch a calibrated config off without editing it.
  const XbarConfig cfg =
      ParseOk(R"({"adc": {"range": "max", "calibration": "missing.json"}})", "/nowhere");
  CHECK(cfg.adc.calibration_file == "/nowhere/missing.json");
  CHECK(cfg.adc.calibrated.empty());
}

TEST_CASE("config: XbarConfigToJson fills every default", "[config]") {
  const json doc = XbarConfigToJson(ParseOk("{}"));
  const json expected = json::parse(R"({
    "geometry": {"rows": 256, "cols": 256},
    "device": {"hrs_ua": 5.0, "lrs_ua": 30.0, "v_read_v": -0.2},
    "adc": {"type": "INF", "bits": 8, "range": "max"},
    "variability": {"d2d": {"hrs_ua": 0.0, "lrs_ua": 0.0}, "c2c": {"hrs_ua": 0.0, "lrs_ua": 0.0}},
    "faults": {"stuck_at_hrs": 0.0, "stuck_at_lrs": 0.0},
    "read_disturb": {"enabled": false, "t_read_s": 1e-8, "counting": "driven_rows",
                     "mitigation": "none", "fp": 1.0, "tolerance": 0.1,
                     "update_interval_mvms": 1},
    "ir_drop": {"model": "none", "r_col_ohm": 0.0, "r_row_ohm": 0.0, "r_driver_ohm": 0.0,
                "r_sense_ohm": 0.0},
    "drift": {"t_s": 0.0, "t0_s": 1.0, "nu_hrs": 0.0, "nu_lrs": 0.0},
    "seed": 1
  })");
  CHECK(doc == expected);
}

TEST_CASE("config: XbarConfigToJson parses back to the same config", "[config]") {
  ExpectRoundTrip(ParseOk("{}"));
  ExpectRoundTrip(ParseOk(kFull));
  ExpectRoundTrip(ParseOk(R"({"device": {"g_min_us": 3.3, "g_max_us": 47.1, "v_read_v": 0.15}})"));
  ExpectRoundTrip(ParseOk(R"({"adc": {"type": "auto", "bits": 3, "range": [-0.1, 1e-3]}})"));
  ExpectRoundTrip(ParseOk(R"({"mapping": "TNN_II", "adc": {"type": "INF"}, "seed": 0})"));
}

}  // namespace
}  // namespace cim
