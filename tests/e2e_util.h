#pragma once
// Shared steps of the end-to-end tests: compile a bundled model, run cimsim,
// read its JSON report.

#include <nlohmann/json.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/run_command.h"

namespace cim::testing {

inline std::string Src(const std::string& rel) { return std::string(CIM_SOURCE_DIR) + "/" + rel; }

inline std::string ModelPath(const std::string& model) { return Src("testdata/models/" + model + ".onnx"); }

inline nlohmann::json Sidecar(const std::string& model) {
  return nlohmann::json::parse(ReadFile(Src("testdata/models/" + model + ".json")));
}

/// Compiles `model` with extra cimc flags into dir/<model><tag>.cim; returns its path.
inline std::string Compile(const std::string& model, const std::string& dir, const std::string& flags = "",
                           const std::string& tag = "") {
  const std::string out = dir + "/" + model + tag + ".cim";
  CommandResult r = RunCommand(std::string(CIMC_PATH) + " " + ModelPath(model) + " -o " + out + " " + flags);
  if (r.exit_code != 0) throw std::runtime_error("cimc failed: " + r.err);
  return out;
}

/// Runs cimsim with `args` and returns its JSON report.
inline nlohmann::json Simulate(const std::string& program, const std::string& args, const std::string& dir) {
  const std::string json = dir + "/report.json";
  CommandResult r = RunCommand(std::string(CIMSIM_PATH) + " " + program + " -q --json " + json + " " + args);
  if (r.exit_code != 0) throw std::runtime_error("cimsim failed: " + r.err);
  return nlohmann::json::parse(ReadFile(json));
}

}  // namespace cim::testing
