// The "ir_drop" and "drift" config sections: values, defaults, the rules
// between keys, and the round trip through XbarConfigToJson.
#include <catch2/catch.hpp>

#include "cim/sim/xbar_config_json.h"

namespace cim {
namespace {

XbarConfig ParseOk(const std::string& text) {
  Result<XbarConfig> cfg = ParseXbarConfig(text, "cfg.json", "");
  INFO(cfg.status().ToString());
  REQUIRE(cfg.ok());
  return cfg.value();
}

void ExpectError(const std::string& text, const std::string& message) {
  INFO("config: " << text);
  Result<XbarConfig> cfg = ParseXbarConfig(text, "cfg.json", "");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().code() == StatusCode::kInvalidArgument);
  CHECK(cfg.status().message() == message);
}

TEST_CASE("config: ir_drop and drift default to off", "[config]") {
  const XbarConfig c = ParseOk("{}");
  CHECK(c.ir_drop.model == IrDropModel::kNone);
  CHECK(c.ir_drop.r_col_ohm == 0.0);
  CHECK_FALSE(c.noise.drift.on());
  CHECK(c.noise.drift.t0_s == 1.0);
}

TEST_CASE("config: ir_drop and drift keys are read", "[config]") {
  const XbarConfig col = ParseOk(R"({"ir_drop": {"model": "column", "r_col_ohm": 2.5}})");
  CHECK(col.ir_drop.model == IrDropModel::kColumn);
  CHECK(col.ir_drop.r_col_ohm == 2.5);
  const XbarConfig full = ParseOk(R"({"ir_drop": {"model": "full", "r_col_ohm": 1, "r_row_ohm": 2,
      "r_driver_ohm": 100, "r_sense_ohm": 50}, "drift": {"t_s": 3600, "t0_s": 10,
      "nu_hrs": 0.01, "nu_lrs": 0.05}})");
  CHECK(full.ir_drop.model == IrDropModel::kFull);
  CHECK(full.ir_drop.r_row_ohm == 2.0);
  CHECK(full.ir_drop.r_driver_ohm == 100.0);
  CHECK(full.ir_drop.r_sense_ohm == 50.0);
  CHECK(full.noise.drift.t_s == 3600.0);
  CHECK(full.noise.drift.t0_s == 10.0);
  CHECK(full.noise.drift.nu_hrs == 0.01);
  CHECK(full.noise.drift.nu_lrs == 0.05);
  CHECK(full.noise.drift.on());
  // Round trip: every field survives XbarConfigToJson.
  Result<XbarConfig> back = XbarConfigFromJson(XbarConfigToJson(full), "roundtrip", "");
  REQUIRE(back.ok());
  CHECK(back.value().ir_drop.model == IrDropModel::kFull);
  CHECK(back.value().ir_drop.r_col_ohm == 1.0);
  CHECK(back.value().ir_drop.r_row_ohm == 2.0);
  CHECK(back.value().ir_drop.r_driver_ohm == 100.0);
  CHECK(back.value().ir_drop.r_sense_ohm == 50.0);
  CHECK(back.value().noise.drift.t_s == 3600.0);
  CHECK(back.value().noise.drift.nu_lrs == 0.05);
  CHECK(XbarConfigToJson(back.value()) == XbarConfigToJson(full));
}

TEST_CASE("config: the full model composes with C2C read noise and read disturb", "[config]") {
  const XbarConfig c = ParseOk(R"({"ir_drop": {"model": "full", "r_col_ohm": 1, "r_row_ohm": 1},
      "variability": {"c2c": {"lrs_ua": 0.5}}, "read_disturb": {"enabled": true}})");
  CHECK(c.ir_drop.model == IrDropModel::kFull);
  CHECK(c.noise.c2c.lrs_ua == 0.5);
  CHECK(c.read_disturb.enabled);
}

TEST_CASE("config: ir_drop and drift errors name the key", "[config]") {
  ExpectError(R"({"ir_drop": {"model": "ladder"}})",
              "cfg.json: /ir_drop/model = \"ladder\": must be one of: none, column, full");
  ExpectError(R"({"ir_drop": {"r_wire_ohm": 1}})",
              "cfg.json: /ir_drop/r_wire_ohm: unknown key (valid: model, r_col_ohm, r_row_ohm, "
              "r_driver_ohm, r_sense_ohm)");
  ExpectError(R"({"ir_drop": {"model": "column", "r_col_ohm": -1}})",
              "cfg.json: /ir_drop/r_col_ohm = -1: must be >= 0");
  ExpectError(R"({"ir_drop": {"model": "full", "r_driver_ohm": 2e6}})",
              "cfg.json: /ir_drop/r_driver_ohm = 2e+06: must be at most 1e+06");
  ExpectError(R"({"ir_drop": {"r_col_ohm": 1}})",
              "cfg.json: /ir_drop/r_col_ohm = 1: has no effect with /ir_drop/model \"none\" (use "
              "\"column\" or \"full\")");
  ExpectError(R"({"ir_drop": {"model": "column", "r_col_ohm": 1, "r_row_ohm": 2}})",
              "cfg.json: /ir_drop/r_row_ohm = 2: needs /ir_drop/model \"full\" (the column model "
              "has ideal rows, drivers and sense)");
  ExpectError(R"({"ir_drop": {"model": "column", "r_sense_ohm": 20}})",
              "cfg.json: /ir_drop/r_sense_ohm = 20: needs /ir_drop/model \"full\" (the column "
              "model has ideal rows, drivers and sense)");
  ExpectError(R"({"drift": {"t_s": 0.5}})",
              "cfg.json: /drift/t_s = 0.5: must be 0 (no drift) or at least /drift/t0_s = 1");
  ExpectError(R"({"drift": {"t0_s": 0}})", "cfg.json: /drift/t0_s = 0: must be > 0");
  ExpectError(R"({"drift": {"nu_lrs": -0.1}})", "cfg.json: /drift/nu_lrs = -0.1: must be >= 0");
  ExpectError(R"({"drift": {"age_s": 1}})",
              "cfg.json: /drift/age_s: unknown key (valid: t_s, t0_s, nu_hrs, nu_lrs)");
}

}  // namespace
}  // namespace cim
