#pragma once
// Reading and writing the crossbar config file (`--xbar cfg.json`), schema in
// docs/config.md. Flow in a main: ReadXbarConfigJson -> ApplyOverride for
// each `--set` -> XbarConfigFromJson. Nothing here depends on the simulator,
// so the compiler can read geometry and mapping from the same file.
//
// Every error is InvalidArgument (NotFound for a missing file) with a one-line
// message naming the source and the JSON pointer, e.g.
//   cfg.json: /adc/bits = 0: must be in [1, 16]
//   cfg.json: /adc/bitz: unknown key (valid: type, bits, range, calibration)
//   --set adc.bits=0: /adc/bits = 0: must be in [1, 16]

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "cim/sim/xbar_config.h"
#include "cim/support/status.h"

namespace cim {

/// Parses and validates config text. `name_for_messages` starts every error
/// message; `base_dir` resolves a relative `adc.calibration` path (empty: the
/// working directory). With `adc.range = "calibrated"` the calibration file is
/// loaded into AdcConfig::calibrated.
Result<XbarConfig> ParseXbarConfig(std::string_view json_text, const std::string& name_for_messages,
                                   const std::string& base_dir);

/// Reads, parses and validates the file at `path` (messages start with `path`).
Result<XbarConfig> LoadXbarConfig(const std::string& path);

/// Reads the file as JSON without validating it, for ApplyOverride.
/// Syntax errors: `<path>:<line>:<column>: invalid JSON: ...`.
Result<nlohmann::json> ReadXbarConfigJson(const std::string& path);

/// Validates an already parsed document, as ParseXbarConfig does for text.
Result<XbarConfig> XbarConfigFromJson(const nlohmann::json& doc,
                                      const std::string& name_for_messages,
                                      const std::string& base_dir);

/// Applies one `--set key=value` to `doc`: `key` is a dotted path that must
/// exist in the schema (`adc.bits`, `variability.d2d.lrs_ua`); `value` is
/// parsed as JSON if it parses (`4`, `[-10,10]`), else taken as a string
/// (`BNN_III`). The value is checked against the schema's rule for that key;
/// cross-key rules (LRS > HRS, ...) are checked by XbarConfigFromJson.
/// Errors start with `--set <key_eq_value>: `.
Status ApplyOverride(nlohmann::json& doc, const std::string& key_eq_value);

/// The full config with every default filled in (device as currents, ADC
/// "auto" kept as "auto"), for run manifests. Parses back to the same config.
nlohmann::json XbarConfigToJson(const XbarConfig& config);

}  // namespace cim
