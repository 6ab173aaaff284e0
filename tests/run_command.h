#pragma once
// Runs a command line for end-to-end tests and captures what it printed.

#include <string>

namespace cim::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

/// Runs `command` through /bin/sh. stdout and stderr are captured separately.
CommandResult RunCommand(const std::string& command);

/// Directory for a test's scratch files (created, emptied first).
std::string ScratchDir(const std::string& test_name);

/// Reads a whole file ("" if missing).
std::string ReadFile(const std::string& path);

/// Compares `actual` with the golden file at CIM_SOURCE_DIR/tests/golden/<rel>;
/// with CIM_UPDATE_GOLDEN=1 in the environment (a test-tool switch, set by
/// scripts/update_golden.sh), rewrites the file instead and returns true.
bool MatchesGolden(const std::string& rel, const std::string& actual);

}  // namespace cim::testing
