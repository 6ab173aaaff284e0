#pragma once
// ADC calibration files: per-layer ADC input ranges measured by a profiling
// run (`cimsim --calibrate`) and loaded by later runs with
// `adc.range = "calibrated"`. Format (docs/config.md):
//   {"format": "cim-adc-calibration", "version": 1,
//    "layers": {"<XbarLinearOp name>": {"lo": <µA>, "hi": <µA>}, ...},
//    ...metadata (model, dataset, images, config, ...)}

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "cim/support/status.h"

namespace cim {

inline constexpr const char* kCalibrationFormat = "cim-adc-calibration";
inline constexpr int kCalibrationVersion = 1;

/// Writes `ranges` with `metadata` (an object, or null for none) merged in at
/// the top level. InvalidArgument if metadata is not an object, uses one of
/// the keys format/version/layers, or a range has !(lo < hi); IOError if the
/// file cannot be written.
Status WriteCalibration(const std::string& path, const std::map<std::string, AdcRange>& ranges,
                        const nlohmann::json& metadata);

/// Reads the ranges back. NotFound for a missing file; InvalidArgument for
/// bad JSON or content, naming the file and JSON pointer, e.g.
/// `cal.json: /layers/fc1/hi = 1: must be greater than lo = 3`.
/// Metadata keys are ignored.
Result<std::map<std::string, AdcRange>> ReadCalibration(const std::string& path);

/// The calibrated range for one layer from its ADC statistics (profiled after
/// the offset, i.e. exactly what the ADC clips; crossbar-model.md §3).
/// Differential mappings: mean ± 3σ of the ADC input; single-ended: observed
/// min and max. A degenerate range (no conversions, or hi <= lo because all
/// inputs were equal) is widened to centre ± 0.5 µA so that it stays usable.
AdcRange RangeFromStats(const AdcStats& stats, bool differential);

}  // namespace cim
