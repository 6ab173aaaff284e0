#pragma once
// Reading JSON files with one-line, located errors; shared by the crossbar
// config and the calibration file.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cim/support/status.h"

namespace cim {

/// The whole file as bytes. NotFound / IOError: `<path>: cannot open (<reason>)`.
Result<std::string> ReadTextFile(const std::string& path);

/// Parses JSON text. InvalidArgument on a syntax error:
/// `<name>:<line>:<column>: invalid JSON: <what the parser expected>`.
Result<nlohmann::json> ParseJsonText(std::string_view text, const std::string& name);

/// One segment of an RFC 6901 JSON pointer: "~" -> "~0", "/" -> "~1".
std::string JsonPointerEscape(std::string_view key);

/// Shortest text that reads back as the same double: 5 -> "5", 0.1 -> "0.1".
std::string FormatJsonNumber(double x);

/// A value as it appears in messages: compact JSON, cut to ~40 characters.
std::string JsonForMessage(const nlohmann::json& value);

}  // namespace cim
