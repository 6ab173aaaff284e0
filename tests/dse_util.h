#pragma once
// Shared steps of the design-space sweep tests (scripts/dse/): write a spec,
// run sweep.sh with the cimc/cimsim of this build, read results.csv.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e_util.h"

namespace cim::testing {

/// Writes `json` to dir/name and returns the path.
inline std::string WriteSpec(const std::string& dir, const std::string& name, const std::string& json) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << json;
  return path;
}

/// The shell command running scripts/dse/SCRIPT with this build's binaries.
inline std::string DseCommand(const std::string& script, const std::string& args) {
  const std::string bin_dir = std::filesystem::path(CIMC_PATH).parent_path().string();
  return "env CIM_BIN_DIR=" + bin_dir + " " + Src("scripts/dse/" + script) + " " + args;
}

inline CommandResult Sweep(const std::string& args) { return RunCommand(DseCommand("sweep.sh", args)); }

/// The lines of a file, without their '\n'; `complete` tells whether the last one had it.
inline std::vector<std::string> Lines(const std::string& text, bool* complete = nullptr) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  if (complete != nullptr) *complete = text.empty() || text.back() == '\n';
  return lines;
}

/// Splits a CSV line whose fields hold no quoted commas (every row of a sweep without errors).
inline std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, ',');) fields.push_back(f);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

/// The index of `name` in a CSV header line (-1 if absent).
inline int Column(const std::string& header, const std::string& name) {
  const std::vector<std::string> names = Fields(header);
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

/// A spec sweeping the MNIST MLP on `images` test digits; `sweep` is the JSON object of swept keys.
inline std::string MlpSpec(int images, const std::string& sweep, const std::string& extra = "") {
  return "{\"models\": [\"" + ModelPath("mnist_bnn_mlp") + "\"], \"images\": " + std::to_string(images) +
         ", \"base_config\": \"" + Src("configs/adc_sweep_base.json") + "\"" + extra +
         ", \"sweep\": " + sweep + "}";
}

}  // namespace cim::testing
