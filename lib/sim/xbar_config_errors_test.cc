// Every kind of config mistake, each with its full one-line message.
#include <catch2/catch.hpp>

#include "cim/sim/xbar_config_json.h"

namespace cim {
namespace {

struct ErrorCase {
  const char* json;
  const char* message;
};

constexpr const char* kMappings =
    "BNN_I, BNN_II, BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, TNN_II, TNN_III, TNN_IV, TNN_V";

void ExpectError(const std::string& json, const std::string& message) {
  INFO("config: " << json);
  Result<XbarConfig> cfg = ParseXbarConfig(json, "cfg.json", "");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().code() == StatusCode::kInvalidArgument);
  CHECK(cfg.status().message() == message);
}

TEST_CASE("config: JSON syntax errors give line and column", "[config]") {
  ExpectError(R"({"adc": {"bits": 4,}})",
              "cfg.json:1:20: invalid JSON: syntax error while parsing object key - "
              "unexpected '}'; expected string literal");
  ExpectError("{\n  \"seed\": 1\n  \"adc\": {}\n}",
              "cfg.json:3:7: invalid JSON: syntax error while parsing object - "
              "unexpected string literal; expected '}'");
  ExpectError("",
              "cfg.json:1:1: invalid JSON: syntax error while parsing value - "
              "unexpected end of input; expected '[', '{', or a literal");
}

TEST_CASE("config: unknown keys at every level", "[config]") {
  const ErrorCase cases[] = {
      {R"({"sead": 1})",
       "cfg.json: /sead: unknown key (valid: _comment, geometry, mapping, device, adc, "
       "variability, faults, read_disturb, ir_drop, drift, seed)"},
      {R"({"geometry": {"row": 4}})", "cfg.json: /geometry/row: unknown key (valid: rows, cols)"},
      {R"({"adc": {"bitz": 4}})",
       "cfg.json: /adc/bitz: unknown key (valid: type, bits, range, calibration)"},
      {R"({"device": {"hrs": 5}})",
       "cfg.json: /device/hrs: unknown key (valid: hrs_ua, lrs_ua, g_min_us, g_max_us, v_read_v)"},
      {R"({"variability": {"c2d": {}}})",
       "cfg.json: /variability/c2d: unknown key (valid: d2d, c2c)"},
      {R"({"variability": {"d2d": {"lrs": 1}}})",
       "cfg.json: /variability/d2d/lrs: unknown key (valid: hrs_ua, lrs_ua)"},
      {R"({"faults": {"stuck": 0.1}})",
       "cfg.json: /faults/stuck: unknown key (valid: stuck_at_hrs, stuck_at_lrs)"},
      // RFC 6901 escaping keeps the pointer unambiguous.
      {R"({"a/b~": 1})",
       "cfg.json: /a~1b~0: unknown key (valid: _comment, geometry, mapping, device, adc, "
       "variability, faults, read_disturb, ir_drop, drift, seed)"},
  };
  for (const ErrorCase& c : cases) ExpectError(c.json, c.message);
}

TEST_CASE("config: wrong types", "[config]") {
  const ErrorCase cases[] = {
      {"[1]", "cfg.json: top level = [1]: expected an object"},
      {R"({"geometry": 256})", "cfg.json: /geometry = 256: expected an object"},
      {R"({"adc": {"bits": "4"}})", "cfg.json: /adc/bits = \"4\": expected an integer"},
      {R"({"adc": {"bits": 4.5}})", "cfg.json: /adc/bits = 4.5: expected an integer"},
      {R"({"device": {"lrs_ua": "30"}})", "cfg.json: /device/lrs_ua = \"30\": expected a number"},
      {R"({"seed": -1})", "cfg.json: /seed = -1: expected a non-negative integer"},
      {R"({"seed": 1.5})", "cfg.json: /seed = 1.5: expected a non-negative integer"},
      {R"({"adc": {"range": 5}})",
       "cfg.json: /adc/range = 5: expected one of: max, mapping_max, calibrated, or [lo, hi] in "
       "uA"},
      {R"({"adc": {"range": [1]}})",
       "cfg.json: /adc/range = [1]: expected [lo, hi]: two numbers in uA"},
      {R"({"adc": {"calibration": ""}})",
       "cfg.json: /adc/calibration = \"\": expected a non-empty string (a file path)"},
      {R"({"_comment": ["a"]})", "cfg.json: /_comment = [\"a\"]: expected a string"},
  };
  for (const ErrorCase& c : cases) ExpectError(c.json, c.message);
  ExpectError(R"({"mapping": 1})",
              std::string("cfg.json: /mapping = 1: expected a string, one of: ") + kMappings);
}

TEST_CASE("config: out-of-range values", "[config]") {
  const ErrorCase cases[] = {
      {R"({"geometry": {"rows": 255}})", "cfg.json: /geometry/rows = 255: must be even"},
      {R"({"geometry": {"rows": 0}})", "cfg.json: /geometry/rows = 0: must be in [2, 65536]"},
      {R"({"geometry": {"cols": 131072}})",
       "cfg.json: /geometry/cols = 131072: must be in [2, 65536]"},
      {R"({"geometry": {"cols": 18446744073709551615}})",
       "cfg.json: /geometry/cols = 18446744073709551615: must be in [2, 65536]"},
      {R"({"adc": {"bits": 0}})", "cfg.json: /adc/bits = 0: must be in [1, 16]"},
      {R"({"adc": {"bits": 17}})", "cfg.json: /adc/bits = 17: must be in [1, 16]"},
      {R"({"adc": {"range": [10, -10]}})",
       "cfg.json: /adc/range = [10,-10]: lo must be less than hi"},
      {R"({"device": {"hrs_ua": -1}})", "cfg.json: /device/hrs_ua = -1: must be > 0"},
      {R"({"device": {"v_read_v": 0}})", "cfg.json: /device/v_read_v = 0: must be non-zero"},
      {R"({"device": {"hrs_ua": 30, "lrs_ua": 5}})",
       "cfg.json: /device: lrs_ua = 5 must be greater than hrs_ua = 30"},
      // A default takes part in the check: LRS defaults to 30 µA.
      {R"({"device": {"hrs_ua": 40}})",
       "cfg.json: /device: lrs_ua = 30 must be greater than hrs_ua = 40"},
      {R"({"device": {"g_min_us": 150, "g_max_us": 25}})",
       "cfg.json: /device: g_max_us = 25 must be greater than g_min_us = 150"},
      {R"({"variability": {"c2c": {"lrs_ua": -0.1}}})",
       "cfg.json: /variability/c2c/lrs_ua = -0.1: must be >= 0"},
      {R"({"faults": {"stuck_at_lrs": 1.5}})",
       "cfg.json: /faults/stuck_at_lrs = 1.5: must be in [0, 1]"},
      {R"({"faults": {"stuck_at_hrs": 0.75, "stuck_at_lrs": 0.5}})",
       "cfg.json: /faults: stuck_at_hrs + stuck_at_lrs = 1.25: must be at most 1"},
  };
  for (const ErrorCase& c : cases) ExpectError(c.json, c.message);
}

TEST_CASE("config: bad enum names list the valid ones", "[config]") {
  ExpectError(R"({"mapping": "BNN_7"})",
              std::string("cfg.json: /mapping = \"BNN_7\": must be one of: ") + kMappings);
  ExpectError(R"({"adc": {"type": "sym"}})",
              "cfg.json: /adc/type = \"sym\": must be one of: INF, SYM, POS, auto");
  ExpectError(R"({"adc": {"range": "min"}})",
              "cfg.json: /adc/range = \"min\": must be one of: max, mapping_max, calibrated, "
              "or [lo, hi] in uA");
}

TEST_CASE("config: cross-key rules", "[config]") {
  ExpectError(R"({"device": {"hrs_ua": 5, "g_max_us": 150}})",
              "cfg.json: /device: give either hrs_ua/lrs_ua or g_min_us/g_max_us, not both");
  ExpectError(R"({"device": {"g_min_us": 25}})",
              "cfg.json: /device: g_min_us and g_max_us must be given together (found only "
              "g_min_us)");
  ExpectError(R"({"adc": {"range": "calibrated"}})",
              "cfg.json: /adc/range = \"calibrated\": needs /adc/calibration (a file written by "
              "cimsim --calibrate)");
  ExpectError(R"({"mapping": "BNN_III", "adc": {"type": "SYM"}})",
              "cfg.json: /adc/type = \"SYM\": does not fit mapping BNN_III (it needs POS or INF)");
  ExpectError(R"({"mapping": "BNN_I", "adc": {"type": "POS"}})",
              "cfg.json: /adc/type = \"POS\": does not fit mapping BNN_I (it needs SYM or INF)");
}

TEST_CASE("config: a missing calibration file is reported with its resolved path", "[config]") {
  Result<XbarConfig> cfg =
      ParseXbarConfig(R"({"adc": {"range": "calibrated", "calibration": "cal/nope.json"}})",
                      "cfg.json", "/nonexistent_dir");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().code() == StatusCode::kNotFound);
  CHECK(cfg.status().message() ==
        "cfg.json: /adc/calibration: /nonexistent_dir/cal/nope.json: cannot open (No such file "
        "or directory)");
}

TEST_CASE("config: a missing config file is NotFound", "[config]") {
  Result<XbarConfig> cfg = LoadXbarConfig("/nonexistent_dir/cfg.json");
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.status().code() == StatusCode::kNotFound);
  CHECK(cfg.status().message() ==
        "/nonexistent_dir/cfg.json: cannot open (No such file or directory)");
}

}  // namespace
}  // namespace cim
