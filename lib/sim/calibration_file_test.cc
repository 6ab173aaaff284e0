#include "cim/sim/calibration_file.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace cim {
namespace {

using json = nlohmann::json;

std::string FreshDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(CIM_BINARY_DIR) / "test_tmp/sim" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string WriteText(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
  return path;
}

void ExpectReadError(const std::string& path, const std::string& message) {
  Result<std::map<std::string, AdcRange>> r = ReadCalibration(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK(r.status().message() == message);
}

TEST_CASE("calibration: write and read back, doubles exact, metadata kept", "[calibration]") {
  const std::string path = FreshDir("cal_roundtrip") + "/cal.json";
  const std::map<std::string, AdcRange> ranges = {{"quant_dense/MatMul", {-1.0 / 3.0, 2.0 / 7.0}},
                                                  {"fc~2", {0.0, 1e-9}}};
  REQUIRE(WriteCalibration(path, ranges, {{"model", "mnist_bnn_mlp"}, {"images", 1000}}).ok());

  Result<std::map<std::string, AdcRange>> back = ReadCalibration(path);
  INFO(back.status().ToString());
  REQUIRE(back.ok());
  REQUIRE(back->size() == 2);
  CHECK(back->at("quant_dense/MatMul").lo == -1.0 / 3.0);
  CHECK(back->at("quant_dense/MatMul").hi == 2.0 / 7.0);
  CHECK(back->at("fc~2").hi == 1e-9);

  std::ifstream in(path);
  const json doc = json::parse(in);
  CHECK(doc["format"] == "cim-adc-calibration");
  CHECK(doc["version"] == 1);
  CHECK(doc["model"] == "mnist_bnn_mlp");
  CHECK(doc["images"] == 1000);
}

TEST_CASE("calibration: write errors", "[calibration]") {
  const std::string dir = FreshDir("cal_write_errors");
  Status s = WriteCalibration(dir + "/a.json", {{"fc1", {0, 1}}}, {{"layers", 3}});
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == dir + "/a.json: calibration metadata uses the reserved key \"layers\"");

  s = WriteCalibration(dir + "/a.json", {{"fc1", {0, 1}}}, json::array());
  CHECK(s.message() == dir + "/a.json: calibration metadata must be a JSON object");

  s = WriteCalibration(dir + "/a.json", {{"fc1", {2, 2}}}, json());
  CHECK(s.message() ==
        dir + "/a.json: layer \"fc1\": range [2, 2] is empty (lo must be less than hi)");
  CHECK_FALSE(std::filesystem::exists(dir + "/a.json"));

  s = WriteCalibration("/nonexistent_dir/cal.json", {{"fc1", {0, 1}}}, json());
  CHECK(s.code() == StatusCode::kIOError);
  CHECK(s.message() == "/nonexistent_dir/cal.json: cannot open for writing");
}

TEST_CASE("calibration: read errors name the file and the pointer", "[calibration]") {
  const std::string d = FreshDir("cal_read_errors");
  Result<std::map<std::string, AdcRange>> missing = ReadCalibration(d + "/none.json");
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() == d + "/none.json: cannot open (No such file or directory)");

  ExpectReadError(WriteText(d + "/syntax.json", "{\"format\": }"),
                  d + "/syntax.json:1:12: invalid JSON: syntax error while parsing value - "
                      "unexpected '}'; expected '[', '{', or a literal");
  ExpectReadError(WriteText(d + "/array.json", "[]"),
                  d + "/array.json: expected a JSON object at the top level");
  ExpectReadError(WriteText(d + "/format.json", R"({"format": "cim-cal", "version": 1})"),
                  d + "/format.json: /format = \"cim-cal\": expected \"cim-adc-calibration\"");
  ExpectReadError(WriteText(d + "/noformat.json", R"({"version": 1})"),
                  d + "/noformat.json: /format = (missing): expected \"cim-adc-calibration\"");
  ExpectReadError(
      WriteText(d + "/version.json", R"({"format": "cim-adc-calibration", "version": 2})"),
      d + "/version.json: /version = 2: this build reads version 1");
  ExpectReadError(
      WriteText(d + "/layers.json", R"({"format": "cim-adc-calibration", "version": 1})"),
      d + "/layers.json: /layers: expected an object of per-layer ranges");
  const std::string head = R"({"format": "cim-adc-calibration", "version": 1, "layers": )";
  ExpectReadError(
      WriteText(d + "/entry.json", head + R"({"a/b": [0, 1]}})"),
      d + "/entry.json: /layers/a~1b = [0,1]: expected an object {\"lo\": ..., \"hi\": ...}");
  ExpectReadError(WriteText(d + "/nohi.json", head + R"({"fc": {"lo": 0}}})"),
                  d + "/nohi.json: /layers/fc/hi: missing");
  ExpectReadError(WriteText(d + "/lotype.json", head + R"({"fc": {"lo": "0", "hi": 1}}})"),
                  d + "/lotype.json: /layers/fc/lo = \"0\": expected a number (uA)");
  ExpectReadError(WriteText(d + "/order.json", head + R"({"fc": {"lo": 3, "hi": 1.5}}})"),
                  d + "/order.json: /layers/fc/hi = 1.5: must be greater than lo = 3");
}

TEST_CASE("calibration: differential range is mean +- 3 sigma of the ADC input", "[calibration]") {
  AdcStats stats;
  for (double x : {-2.0, 0.0, 2.0, 4.0}) stats.input_current.Add(x);
  // mean 1, population variance (9 + 1 + 1 + 9) / 4 = 5.
  const AdcRange r = RangeFromStats(stats, /*differential=*/true);
  CHECK(r.lo == Approx(1.0 - 3.0 * std::sqrt(5.0)).epsilon(1e-12));
  CHECK(r.hi == Approx(1.0 + 3.0 * std::sqrt(5.0)).epsilon(1e-12));
}

TEST_CASE("calibration: single-ended range is the observed min and max", "[calibration]") {
  AdcStats stats;
  for (double x : {7.5, 0.25, 120.0, 33.0}) stats.input_current.Add(x);
  const AdcRange r = RangeFromStats(stats, /*differential=*/false);
  CHECK(r.lo == 0.25);
  CHECK(r.hi == 120.0);
}

TEST_CASE("calibration: degenerate ranges are widened to stay usable", "[calibration]") {
  AdcStats constant;
  for (int i = 0; i < 3; ++i) constant.input_current.Add(10.0);
  const AdcRange d = RangeFromStats(constant, true);
  CHECK(d.lo == 9.5);
  CHECK(d.hi == 10.5);
  const AdcRange s = RangeFromStats(constant, false);
  CHECK(s.lo == 9.5);
  CHECK(s.hi == 10.5);
  const AdcRange empty = RangeFromStats(AdcStats{}, false);
  CHECK(empty.lo == -0.5);
  CHECK(empty.hi == 0.5);
}

}  // namespace
}  // namespace cim
