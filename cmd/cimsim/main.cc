// cimsim: runs a crossbar program on a JSON-configured crossbar model and
// reports accuracy, ADC and cell statistics.
//   cimsim prog.cim --xbar cfg.json --dataset mnist [--json report.json]
// Flags -> library -> one-line message + exit code (README.md "Exit codes").

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "cim/data/dataset.h"
#include "cim/driver/simulation.h"
#include "cim/program/program_file.h"
#include "cim/report/report.h"
#include "cim/sim/calibration_file.h"
#include "cim/sim/xbar_config_json.h"
#include "cim/support/exit_codes.h"
#include "cim/version.h"
#include "common/parse_flags.h"
#include "progress.h"

namespace {

struct Flags {
  std::string program;
  std::string xbar;
  std::vector<std::string> sets;
  std::string dataset;
  std::string data_dir;
  std::string split = "test";
  int64_t limit = 0;
  int threads = 0;
  int64_t batch = 64;
  std::string json;
  std::string calibrate;
  bool quiet = false;
};

int Fail(const cim::Status& s) {
  std::cerr << "cimsim: " << s.message() << "\n";
  return cim::ExitCodeFor(s);
}

std::string Dims(const cim::CrossbarGeometry& g) {
  return std::to_string(g.rows) + "x" + std::to_string(g.cols);
}

// Reads --xbar (or the defaults), applies --set, and fits it to the program.
// A geometry or mapping the program was not compiled for names the cimc
// command that fixes it.
cim::Result<cim::XbarConfig> LoadConfig(const Flags& f, const cim::Program& program) {
  nlohmann::json doc = nlohmann::json::object();
  std::string name = "<defaults>", base_dir;
  if (!f.xbar.empty()) {
    CIM_ASSIGN_OR_RETURN(doc, cim::ReadXbarConfigJson(f.xbar));
    name = f.xbar;
    base_dir = std::filesystem::path(f.xbar).parent_path().string();
  }
  for (const std::string& s : f.sets) CIM_RETURN_IF_ERROR(cim::ApplyOverride(doc, s));
  const bool geometry_given = doc.is_object() && doc.contains("geometry");
  CIM_ASSIGN_OR_RETURN(cim::XbarConfig cfg, cim::XbarConfigFromJson(doc, name, base_dir));
  const std::string fix = "recompile with: cimc " + program.source_file +
                          (f.xbar.empty() ? "" : " --xbar " + f.xbar) + " -o " + f.program;
  if (!geometry_given) {
    cfg.geometry = program.geometry;
  } else if (cfg.geometry.rows != program.geometry.rows || cfg.geometry.cols != program.geometry.cols) {
    return cim::InvalidArgument(name + ": /geometry = " + Dims(cfg.geometry) + ": " + f.program +
                                " was compiled for " + Dims(program.geometry) + " crossbars; " + fix);
  }
  if (cfg.mapping_given && cfg.mapping != program.mapping) {
    return cim::InvalidArgument(name + ": /mapping = " + cim::MappingName(cfg.mapping) + ": " +
                                f.program + " was compiled for " + cim::MappingName(program.mapping) +
                                "; " + fix + (f.xbar.empty() ? " --mapping " + std::string(cim::MappingName(cfg.mapping)) : ""));
  }
  cim::Status s = cim::ResolveXbarConfig(cfg, program.mapping);
  if (!s.ok()) return s.WithPrefix(name);
  return cfg;
}

cim::Result<cim::Dataset> LoadData(const Flags& f, const cim::Program& program, cim::Split split) {
  std::string name = f.dataset.empty() ? program.dataset_hint : f.dataset;
  if (name.empty()) {
    return cim::InvalidArgument(f.program + ": the program names no dataset; give --dataset NAME|PATH");
  }
  char exe[4096] = {0};
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  const std::string exe_path = n > 0 ? std::string(exe, n) : std::string();
  return cim::LoadDataset(name, split, cim::DefaultDatasetSearch(exe_path, f.data_dir));
}

int Calibrate(const Flags& f, const cim::Program& program, const cim::XbarConfig& cfg,
              cim::Split split) {
  auto data = LoadData(f, program, split);
  if (!data.ok()) return Fail(data.status());
  cim::SimulationRequest req{&program, cfg, &*data, f.limit, {f.threads, f.batch}, {}};
  cim::ProgressBar bar("calibrating");
  if (!f.quiet) req.progress = [&](int64_t done, int64_t total) { bar.Update(done, total); };
  auto ranges = cim::CalibrateAdcRanges(req);
  if (!ranges.ok()) return Fail(ranges.status());
  nlohmann::json meta = {{"model", program.model_name},
                         {"dataset", data->name},
                         {"split", cim::SplitName(split)},
                         {"images", f.limit > 0 ? std::min<int64_t>(f.limit, data->count) : data->count},
                         {"mapping", cim::MappingName(program.mapping)},
                         {"config", cim::XbarConfigToJson(cfg)}};
  if (cim::Status s = cim::WriteCalibration(f.calibrate, *ranges, meta); !s.ok()) return Fail(s);
  std::cout << "wrote ADC ranges of " << ranges->size() << " layers to " << f.calibrate << "\n";
  return cim::kExitOk;
}

int Simulate(const Flags& f, const cim::Program& program, const std::string& checksum,
             const cim::XbarConfig& cfg, cim::Split split, const std::vector<std::string>& argv) {
  const auto t0 = std::chrono::steady_clock::now();
  auto data = LoadData(f, program, split);
  if (!data.ok()) return Fail(data.status());
  cim::SimulationRequest req{&program, cfg, &*data, f.limit, {f.threads, f.batch}, {}};
  cim::ProgressBar bar("simulating");
  if (!f.quiet) req.progress = [&](int64_t done, int64_t total) { bar.Update(done, total); };
  auto outcome = cim::RunSimulation(req);
  if (!outcome.ok()) return Fail(outcome.status().WithPrefix(f.program));

  cim::RunReport report;
  report.images = outcome->images;
  report.accuracy = {outcome->top1_correct, outcome->top5_correct};
  report.has_baseline = true;
  report.baseline = {outcome->baseline_top1_correct, outcome->baseline_top5_correct};
  report.agreement_count = outcome->agreements;
  report.layers = outcome->layers;
  cim::RunManifest& m = report.manifest;
  m.program_path = f.program;
  m.program_checksum = checksum;
  m.model_name = program.model_name;
  m.dataset_name = data->name;
  m.dataset_paths = data->files;
  m.dataset_split = cim::SplitName(split);
  m.config = cim::XbarConfigToJson(cfg);
  m.mapping = cim::MappingName(program.mapping);
  m.adc_type = cim::AdcKindName(cfg.adc.kind);
  m.seed = cfg.seed;
  m.threads = outcome->threads;
  m.versions = cim::RunVersions();
  m.command_line = argv;
  m.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::cout << cim::ReportToTable(report);
  if (!f.json.empty()) {
    std::ofstream out(f.json);
    out << cim::ReportToJson(report).dump(2) << "\n";
    if (!out) return Fail(cim::IOError(f.json + ": cannot write the JSON report"));
  }
  return cim::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cimsim: run a crossbar program (.cim) on a simulated RRAM crossbar"};
  Flags f;
  app.add_option("program", f.program, "program file written by cimc")->required();
  app.add_option("--xbar", f.xbar, "crossbar config (JSON, docs/config.md); default: ideal crossbar");
  app.add_option("--set", f.sets, "override a config key by dotted path, e.g. --set adc.bits=4");
  app.add_option("--dataset", f.dataset, "dataset name (mnist, fashion_mnist, cifar10, cifar100) or path");
  app.add_option("--data-dir", f.data_dir, "extra root searched first for dataset names");
  app.add_option("--split", f.split, "test or train (default test)");
  app.add_option("--limit", f.limit, "only the first N images")->check(CLI::NonNegativeNumber);
  app.add_option("--threads", f.threads, "worker threads (default: all cores)")->check(CLI::NonNegativeNumber);
  app.add_option("--batch", f.batch, "images per batch (default 64)")->check(CLI::PositiveNumber);
  app.add_option("--json", f.json, "also write the report as JSON (docs/report.md)");
  app.add_option("--calibrate", f.calibrate,
                 "profile ADC inputs and write per-layer ranges to FILE (default split: train)");
  app.add_flag("-q,--quiet", f.quiet, "no progress bar");
  app.set_version_flag("--version", std::string("cimsim ") + cim::kVersion);
  if (auto code = cim::ParseFlags(app, argc, argv, "cimsim")) return *code;
  const bool split_given = app.count("--split") > 0;
  auto split = cim::ParseSplit(f.split);
  if (!split.ok()) return Fail(split.status().WithPrefix("--split"));
  if (!f.calibrate.empty() && !split_given) split = cim::Split::kTrain;

  std::ifstream in(f.program, std::ios::binary);
  if (!in) return Fail(cim::NotFound(f.program + ": no such file"));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto program = cim::ParseProgram(bytes, f.program);
  if (!program.ok()) return Fail(program.status());
  auto cfg = LoadConfig(f, *program);
  if (!cfg.ok()) return Fail(cfg.status());
  if (!f.calibrate.empty()) return Calibrate(f, *program, *cfg, *split);
  return Simulate(f, *program, cim::ProgramChecksum(bytes), *cfg, *split,
                  std::vector<std::string>(argv, argv + argc));
}
