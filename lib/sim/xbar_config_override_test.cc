// `--set key=value` overrides: the flow read -> override -> validate.
#include <catch2/catch.hpp>

#include "cim/sim/xbar_config_json.h"

namespace cim {
namespace {

using json = nlohmann::json;

XbarConfig ApplyAndParse(json doc, const std::vector<std::string>& sets) {
  for (const std::string& s : sets) {
    const Status st = ApplyOverride(doc, s);
    INFO(s << ": " << st.ToString());
    REQUIRE(st.ok());
  }
  Result<XbarConfig> cfg = XbarConfigFromJson(doc, "cfg.json", "");
  INFO(cfg.status().ToString());
  REQUIRE(cfg.ok());
  return cfg.value();
}

void ExpectOverrideError(json doc, const std::string& set, const std::string& message) {
  const json before = doc;
  const Status st = ApplyOverride(doc, set);
  INFO(set);
  CHECK(st.code() == StatusCode::kInvalidArgument);
  CHECK(st.message() == message);
  CHECK(doc == before);  // a rejected override leaves the document alone
}

TEST_CASE("override: values replace and add keys at any depth", "[config]") {
  const json doc = json::parse(R"({"adc": {"bits": 6, "type": "SYM"}, "seed": 3})");
  const XbarConfig cfg = ApplyAndParse(
      doc, {"adc.bits=4", "mapping=BNN_III", "adc.type=auto", "variability.d2d.lrs_ua=1.5",
            "adc.range=[-10,10]", "geometry.rows=128", "seed=7"});
  CHECK(cfg.adc.bits == 4);
  CHECK(cfg.mapping == Mapping::kBnnIII);
  CHECK(cfg.adc.kind == AdcKind::kPositive);
  CHECK(cfg.noise.d2d.lrs_ua == 1.5);
  CHECK(cfg.noise.d2d.hrs_ua == 0.0);
  CHECK(cfg.adc.range == AdcRangeMode::kExplicit);
  CHECK(cfg.adc.explicit_range.lo == -10.0);
  CHECK(cfg.adc.explicit_range.hi == 10.0);
  CHECK(cfg.geometry.rows == 128);
  CHECK(cfg.geometry.cols == 256);
  CHECK(cfg.seed == 7);
}

TEST_CASE("override: the last --set of a key wins, an empty document works", "[config]") {
  const XbarConfig cfg = ApplyAndParse(json(), {"adc.range=max", "adc.range=mapping_max"});
  CHECK(cfg.adc.range == AdcRangeMode::kMappingMax);
}

TEST_CASE("override: a whole section can be set as JSON", "[config]") {
  const XbarConfig cfg =
      ApplyAndParse(json::object(), {R"(variability.c2c={"hrs_ua": 0.5, "lrs_ua": 2})"});
  CHECK(cfg.noise.c2c.hrs_ua == 0.5);
  CHECK(cfg.noise.c2c.lrs_ua == 2.0);
}

TEST_CASE("override: bad keys", "[config]") {
  const json doc = json::parse(R"({"adc": {"bits": 6}})");
  ExpectOverrideError(doc, "adc.bitz=4",
                      "--set adc.bitz=4: /adc/bitz: unknown key (valid: type, bits, range, "
                      "calibration)");
  ExpectOverrideError(doc, "bits=4",
                      "--set bits=4: /bits: unknown key (valid: _comment, geometry, mapping, "
                      "device, adc, variability, faults, read_disturb, ir_drop, drift, seed)");
  ExpectOverrideError(doc, "variability.d2d.lrs=1",
                      "--set variability.d2d.lrs=1: /variability/d2d/lrs: unknown key (valid: "
                      "hrs_ua, lrs_ua)");
  ExpectOverrideError(doc, "adc.bits.x=1",
                      "--set adc.bits.x=1: /adc/bits: is a value, it has no key \"x\"");
  ExpectOverrideError(doc, "adc.bits",
                      "--set adc.bits: expected key=value with a dotted key, e.g. adc.bits=4");
  ExpectOverrideError(doc, "=4", "--set =4: expected key=value with a dotted key, e.g. adc.bits=4");
}

TEST_CASE("override: bad values", "[config]") {
  const json doc = json::parse(R"({"adc": {"bits": 6}})");
  ExpectOverrideError(doc, "adc.bits=0", "--set adc.bits=0: /adc/bits = 0: must be in [1, 16]");
  ExpectOverrideError(doc, "adc.bits=four",
                      "--set adc.bits=four: /adc/bits = \"four\": expected an integer");
  ExpectOverrideError(doc, "adc.bits=", "--set adc.bits=: /adc/bits = \"\": expected an integer");
  ExpectOverrideError(
      doc, "adc.type=sym",
      "--set adc.type=sym: /adc/type = \"sym\": must be one of: INF, SYM, POS, auto");
  ExpectOverrideError(doc, "adc.range=[10,-10]",
                      "--set adc.range=[10,-10]: /adc/range = [10,-10]: lo must be less than hi");
  ExpectOverrideError(doc, "variability.d2d=3",
                      "--set variability.d2d=3: /variability/d2d = 3: expected an object");
  ExpectOverrideError(doc, R"(faults={"stuck": 1})",
                      "--set faults={\"stuck\": 1}: /faults/stuck: unknown key (valid: "
                      "stuck_at_hrs, stuck_at_lrs)");
}

TEST_CASE("override: a section that is not an object in the file", "[config]") {
  // The file is only validated after the overrides; do not crash on its shape.
  ExpectOverrideError(json::parse(R"({"adc": 5})"), "adc.bits=4",
                      "--set adc.bits=4: /adc in the config is not an object");
  ExpectOverrideError(json::parse("[1, 2]"), "seed=4",
                      "--set seed=4: top level in the config is not an object");
}

TEST_CASE("override: cross-key rules are checked when the result is parsed", "[config]") {
  json doc = json::parse(R"({"device": {"hrs_ua": 5, "lrs_ua": 30}})");
  REQUIRE(ApplyOverride(doc, "device.hrs_ua=35").ok());
  Result<XbarConfig> cfg = XbarConfigFromJson(doc, "cfg.json", "");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().message() ==
        "cfg.json: /device: lrs_ua = 30 must be greater than hrs_ua = 35");
}

}  // namespace
}  // namespace cim
