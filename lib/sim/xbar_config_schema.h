#pragma once
// The crossbar config schema (docs/config.md) as one table: which keys exist
// at each level and what each leaf accepts. The file parser and `--set`
// overrides both check against it, so they agree on keys and messages.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "cim/support/status.h"

namespace cim {

enum class ConfigFieldKind : uint8_t {
  kObject,       // children
  kInteger,      // integer in [min, max], optionally even
  kSeed,         // non-negative integer (uint64)
  kPositive,     // number > 0
  kNonNegative,  // number >= 0
  kNonZero,      // number != 0
  kFraction,     // number in [0, 1]
  kMapping,      // a mapping name (cim/tile/mapping.h)
  kAdcType,      // INF, SYM, POS, auto
  kAdcRange,     // max, mapping_max, calibrated, or [lo, hi] with lo < hi
  kPath,         // non-empty string
  kComment,      // any string, ignored
  kBoolean,      // true or false
  kAtLeastOne,   // number >= 1
  kName,         // one of `names`
};

struct ConfigField {
  std::string_view key;
  ConfigFieldKind kind;
  std::span<const ConfigField> children = {};  // kObject
  int64_t min = 0, max = 0;                    // kInteger
  bool even = false;                           // kInteger
  std::span<const std::string_view> names = {};  // kName
};

/// The root object of the schema.
const ConfigField& XbarConfigSchema();

/// The child of an object field named `key`, or nullptr.
const ConfigField* FindConfigField(const ConfigField& object, std::string_view key);

/// "type, bits, range, calibration": the keys of an object field, in order.
std::string ConfigFieldKeys(const ConfigField& object);

/// Checks `value` (found at JSON pointer `pointer`) against `field`, recursing
/// into objects. The error has no source name: `/adc/bits = 0: must be in [1, 16]`,
/// `/adc/bitz: unknown key (valid: type, bits, range, calibration)`.
Status CheckConfigField(const ConfigField& field, const nlohmann::json& value,
                        const std::string& pointer);

}  // namespace cim
