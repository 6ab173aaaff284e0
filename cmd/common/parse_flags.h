#pragma once
// Command-line parsing shared by the mains: help and version print and exit 0,
// a usage error is one line and exit code 2.

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "cim/support/exit_codes.h"

namespace cim {

/// Parses argv; returns the exit code to leave with, or nullopt to go on.
inline std::optional<int> ParseFlags(CLI::App& app, int argc, char** argv, const std::string& tool) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tool << ": " << e.what() << " (see " << tool << " --help)\n";
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace cim
