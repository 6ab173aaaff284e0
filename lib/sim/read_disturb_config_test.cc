// The read_disturb section of the crossbar config: defaults, parsing, the
// round trip through XbarConfigToJson and every one-line error.
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

std::string ParseError(const std::string& text) {
  Result<XbarConfig> cfg = ParseXbarConfig(text, "cfg.json", "");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().code() == StatusCode::kInvalidArgument);
  return cfg.status().message();
}

TEST_CASE("read_disturb config defaults: off and exact with driven-row counting", "[config]") {
  const ReadDisturbConfig rd = ParseOk("{}").read_disturb;
  CHECK_FALSE(rd.enabled);
  CHECK(rd.t_read_s == 1e-8);
  CHECK(rd.counting == DisturbCounting::kDrivenRows);
  CHECK(rd.mitigation == DisturbMitigation::kNone);
  CHECK(rd.fp == 1.0);
  CHECK(rd.tolerance == 0.1);
  CHECK(rd.update_interval_mvms == 1);
}

TEST_CASE("read_disturb config parses every key and round-trips", "[config]") {
  const XbarConfig cfg = ParseOk(R"({"device": {"v_read_v": -0.4}, "read_disturb": {
      "enabled": true, "t_read_s": 2e-6, "counting": "every_read", "mitigation": "cell_based",
      "fp": 1.5, "tolerance": 0.05, "update_interval_mvms": 16}})");
  const ReadDisturbConfig& rd = cfg.read_disturb;
  CHECK(rd.enabled);
  CHECK(rd.t_read_s == 2e-6);
  CHECK(rd.counting == DisturbCounting::kEveryRead);
  CHECK(rd.mitigation == DisturbMitigation::kCellBased);
  CHECK(rd.fp == 1.5);
  CHECK(rd.tolerance == 0.05);
  CHECK(rd.update_interval_mvms == 16);
  const nlohmann::json doc = XbarConfigToJson(cfg);
  CHECK(doc["read_disturb"]["counting"] == "every_read");
  CHECK(doc["read_disturb"]["mitigation"] == "cell_based");
  Result<XbarConfig> back = XbarConfigFromJson(doc, "roundtrip", "");
  REQUIRE(back.ok());
  CHECK(XbarConfigToJson(back.value()) == doc);
  CHECK(ParseOk(R"({"read_disturb": {"mitigation": "software"}})").read_disturb.mitigation ==
        DisturbMitigation::kSoftware);
}

TEST_CASE("read_disturb config errors name the key", "[config]") {
  CHECK(ParseError(R"({"read_disturb": {"enable": true}})") ==
        "cfg.json: /read_disturb/enable: unknown key (valid: enabled, t_read_s, counting, "
        "mitigation, fp, tolerance, update_interval_mvms)");
  CHECK(ParseError(R"({"read_disturb": {"enabled": 1}})") ==
        "cfg.json: /read_disturb/enabled = 1: expected true or false");
  CHECK(ParseError(R"({"read_disturb": {"t_read_s": 0}})") ==
        "cfg.json: /read_disturb/t_read_s = 0: must be > 0");
  CHECK(ParseError(R"({"read_disturb": {"counting": "rows"}})") ==
        "cfg.json: /read_disturb/counting = \"rows\": must be one of: driven_rows, every_read");
  CHECK(ParseError(R"({"read_disturb": {"mitigation": 2}})") ==
        "cfg.json: /read_disturb/mitigation = 2: expected a string, one of: none, software, "
        "cell_based");
  CHECK(ParseError(R"({"read_disturb": {"fp": 0.5}})") ==
        "cfg.json: /read_disturb/fp = 0.5: must be >= 1");
  CHECK(ParseError(R"({"read_disturb": {"tolerance": 1.5}})") ==
        "cfg.json: /read_disturb/tolerance = 1.5: must be in [0, 1]");
  CHECK(ParseError(R"({"read_disturb": {"update_interval_mvms": 0}})") ==
        "cfg.json: /read_disturb/update_interval_mvms = 0: must be in [1, 1099511627776]");
  CHECK(ParseError(R"({"read_disturb": true})") ==
        "cfg.json: /read_disturb = true: expected an object");
}

TEST_CASE("read_disturb keys can be set with --set", "[config]") {
  nlohmann::json doc = nlohmann::json::object();
  REQUIRE(ApplyOverride(doc, "read_disturb.enabled=true").ok());
  REQUIRE(ApplyOverride(doc, "read_disturb.mitigation=software").ok());
  CHECK(ApplyOverride(doc, "read_disturb.fp=0").message() ==
        "--set read_disturb.fp=0: /read_disturb/fp = 0: must be >= 1");
  Result<XbarConfig> cfg = XbarConfigFromJson(doc, "cfg.json", "");
  REQUIRE(cfg.ok());
  CHECK(cfg.value().read_disturb.enabled);
  CHECK(cfg.value().read_disturb.mitigation == DisturbMitigation::kSoftware);
}

}  // namespace
}  // namespace cim
