// ReportToJson and ReportToTable against golden files in tests/golden/report/.
// After an intended change, regenerate them with
//   CIM_UPDATE_GOLDEN=1 ./report_tests
// and review the diff (the only environment variable we read: a test switch).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cim/report/report.h"
#include "cim/sim/xbar_config_json.h"
#include "cim/version.h"

namespace cim {
namespace {

using json = nlohmann::json;

void CompareWithGolden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(CIM_SOURCE_DIR) + "/tests/golden/report/" + name;
  const char* update = std::getenv("CIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    WARN("rewrote " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  INFO(path << " is missing; run the test with CIM_UPDATE_GOLDEN=1 to create it");
  REQUIRE(in.good());
  std::ostringstream expected;
  expected << in.rdbuf();
  CHECK(actual == expected.str());
}

LayerStats MakeLayer(const std::string& name, int op_index, int64_t mvms, int scale) {
  LayerStats l;
  l.name = name;
  l.op_index = op_index;
  l.mvms = mvms;
  l.adc.code_histogram = {0, 1, 3, 7, 12, 7, 3, 1, 0};
  for (int64_t c : l.adc.code_histogram) l.adc.conversions += c;
  l.adc.clipped_low = 1;
  l.adc.clipped_high = 2;
  for (double x : {-75.0, -25.0, 0.0, 12.5, 25.0, 100.0}) l.adc.input_current.Add(x * scale);
  l.cells.crossbars = scale;
  l.cells.cells_total = scale * 256 * 256;
  l.cells.cells_used = scale * 784 * 64;
  l.cells.lrs_cells = l.cells.cells_used / 2 + 10;
  l.cells.hrs_cells = l.cells.cells_total - l.cells.lrs_cells;
  l.cells.stuck_at_hrs = 3 * scale;
  l.cells.stuck_at_lrs = 4 * scale;
  for (double x : {29.0, 30.0, 31.5}) l.cells.lrs_current.Add(x);
  for (double x : {4.75, 5.0, 5.5}) l.cells.hrs_current.Add(x);
  return l;
}

RunReport MakeReport() {
  RunReport r;
  r.images = 8;
  r.accuracy = {6, 8};
  r.has_baseline = true;
  r.baseline = {7, 8};
  r.agreement_count = 7;
  r.layers = {MakeLayer("quant_dense/MatMul", 3, 16, 1), MakeLayer("fc2", 7, 8, 2)};
  RunManifest& m = r.manifest;
  m.program_path = "build/mnist_bnn_mlp.cim";
  m.program_checksum = "crc32c:1a2b3c4d";
  m.model_name = "mnist_bnn_mlp";
  m.dataset_name = "mnist";
  m.dataset_paths = {"testdata/datasets/mnist/t10k-images-idx3-ubyte.gz",
                     "testdata/datasets/mnist/t10k-labels-idx1-ubyte.gz"};
  m.dataset_split = "test";
  Result<XbarConfig> cfg = ParseXbarConfig(
      R"({"adc": {"type": "auto", "bits": 3, "range": "mapping_max"}, "seed": 42})", "golden", "");
  REQUIRE(cfg.ok());
  m.config = XbarConfigToJson(cfg.value());
  m.mapping = "BNN_I";
  m.adc_type = "SYM";
  m.seed = 42;
  m.threads = 2;
  m.versions = {{"cim", "0.0.0-golden"}, {"compiler", "golden"}};
  m.wall_time_s = 1.25;
  m.command_line = {"cimsim", "build/mnist_bnn_mlp.cim", "--xbar", "cfg.json"};
  return r;
}

TEST_CASE("report: JSON matches the golden file", "[report]") {
  CompareWithGolden("report.json", ReportToJson(MakeReport()).dump(2) + "\n");
}

TEST_CASE("report: table matches the golden file", "[report]") {
  CompareWithGolden("report.txt", ReportToTable(MakeReport()));
}

TEST_CASE("report: without a baseline and without images", "[report]") {
  RunReport r = MakeReport();
  r.has_baseline = false;
  r.images = 0;
  r.accuracy = {};
  r.layers.clear();
  CompareWithGolden("report_empty.json", ReportToJson(r).dump(2) + "\n");
  CompareWithGolden("report_empty.txt", ReportToTable(r));
}

TEST_CASE("report: read disturb per layer and total", "[report]") {
  RunReport r = MakeReport();
  for (size_t i = 0; i < r.layers.size(); ++i) {
    ReadDisturbStats& d = r.layers[i].read_disturb;
    d.enabled = true;
    d.refreshes = 3 + static_cast<int64_t>(i);
    d.refreshed_cells = 1000 * d.refreshes;
    d.lrs_cells = 1000;
    d.cycles_sum = d.refreshed_cells;
    d.cycles_max = d.refreshes;
    d.past_cycle_limit = i == 1;
    d.ratio_sum = 987.5;
  }
  CompareWithGolden("report_disturb.json", ReportToJson(r).dump(2) + "\n");
  CompareWithGolden("report_disturb.txt", ReportToTable(r));
  const json j = ReportToJson(r);
  CHECK(j["read_disturb"]["refreshes"] == 7);
  CHECK(j["read_disturb"]["cycles_mean"] == 3.5);
  CHECK(j["read_disturb"]["cycles_max"] == 4);
  CHECK(j["read_disturb"]["past_cycle_limit"] == true);
  CHECK(j["read_disturb"]["lrs_g_ratio_mean"] == 0.9875);
  CHECK(j["layers"][0]["read_disturb"]["past_cycle_limit"] == false);
}

TEST_CASE("report: documented fields hold the computed shares", "[report]") {
  const json j = ReportToJson(MakeReport());
  CHECK(j["accuracy"]["top1"] == 0.75);
  CHECK(j["accuracy"]["top5"] == 1.0);
  CHECK(j["baseline"]["top1"] == 0.875);
  CHECK(j["agreement"] == 0.875);
  CHECK(j["images"] == 8);
  REQUIRE(j["layers"].size() == 2);
  CHECK(j["layers"][0]["name"] == "quant_dense/MatMul");
  CHECK(j["layers"][1]["adc"]["clip_high_share"] == 2.0 / 34.0);
  CHECK(j["layers"][1]["adc"]["input_ua"]["max"] == 200.0);
  CHECK(j["cells"]["crossbars"] == 3);
  CHECK(j["cells"]["cells_total"] == 3 * 65536);
  CHECK(j["cells"]["utilisation"] == (3.0 * 784 * 64) / (3.0 * 65536));
  CHECK(j["cells"]["lrs_current_ua"]["count"] == 6);
  CHECK(j["totals"]["mvms"] == 24);
  CHECK(j["manifest"]["config"]["adc"]["bits"] == 3);
  CHECK(j["manifest"]["seed"] == 42);
}

TEST_CASE("report: helpers", "[report]") {
  CHECK(ShareOf(3, 0) == 0.0);
  CHECK(ShareOf(1, 4) == 0.25);
  CHECK(RunVersions().at("cim") == std::string(kVersion));
  const CellStats total = TotalCells({MakeLayer("a", 0, 1, 1), MakeLayer("b", 1, 1, 3)});
  CHECK(total.crossbars == 4);
  CHECK(total.stuck_at_lrs == 16);
  CHECK(total.hrs_current.count == 6);
}

}  // namespace
}  // namespace cim
