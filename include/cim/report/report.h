#pragma once
// The result of a cimsim run: accuracy against the labels and against an
// exact digital run of the same program, per-layer ADC and cell statistics,
// and a manifest that says how to reproduce the run. Rendered as JSON
// (`--report out.json`, fields in docs/report.md) and as a text table.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cim/sim/xbar_stats.h"

namespace cim {

/// How many images had the label among the top-1 / top-5 classes.
struct TopKCounts {
  int64_t top1_correct = 0;
  int64_t top5_correct = 0;
};

/// Everything needed to reproduce a run.
struct RunManifest {
  std::string program_path;
  std::string program_checksum;  // as the program file stores it
  std::string model_name;
  std::string dataset_name;                // "mnist"
  std::vector<std::string> dataset_paths;  // the files actually read
  std::string dataset_split;               // "test" or "train"
  nlohmann::json config;                   // XbarConfigToJson(config), defaults filled in
  std::string mapping;                     // mapping the run used (config's or program's)
  std::string adc_type;                    // "INF", "SYM", "POS" after resolving "auto"
  uint64_t seed = 0;
  int threads = 1;
  std::map<std::string, std::string> versions;  // e.g. RunVersions()
  double wall_time_s = 0.0;
  std::vector<std::string> command_line;  // argv
};

struct RunReport {
  int64_t images = 0;
  TopKCounts accuracy;             // crossbar simulation vs labels
  bool has_baseline = false;       // false: the exact digital run was skipped
  TopKCounts baseline;             // exact digital run vs labels
  int64_t agreement_count = 0;     // images whose top-1 equals the baseline's top-1
  std::vector<LayerStats> layers;  // one per crossbar layer, in program order
  RunManifest manifest;
};

/// {"cim": kVersion, "compiler": ..., "nlohmann_json": ...} for the manifest.
std::map<std::string, std::string> RunVersions();

/// `count / images`, 0 when there are no images.
double ShareOf(int64_t count, int64_t images);

/// Sum of the layers' cell statistics (the program total).
CellStats TotalCells(const std::vector<LayerStats>& layers);

/// Sum of the layers' read-disturb statistics (the program total).
ReadDisturbStats TotalReadDisturb(const std::vector<LayerStats>& layers);

/// The report as JSON; field names are stable and documented in docs/report.md.
nlohmann::json ReportToJson(const RunReport& report);

/// A fixed-width text table for stdout: summary lines, one row per layer
/// (ADC statistics), then one row per layer and a total for the cells, and
/// for read disturb when it was on.
std::string ReportToTable(const RunReport& report);

}  // namespace cim
