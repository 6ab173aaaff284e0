#include "sim/xbar_config_schema.h"

#include <array>

#include "cim/tile/mapping.h"
#include "sim/ir_drop_names.h"
#include "sim/json_file.h"
#include "sim/read_disturb_names.h"

namespace cim {
namespace {

using K = ConfigFieldKind;
using json = nlohmann::json;

constexpr int64_t kMinLines = 2, kMaxLines = 65536;

constexpr std::array<ConfigField, 2> kGeometry = {{
    {"rows", K::kInteger, {}, kMinLines, kMaxLines, true},
    {"cols", K::kInteger, {}, kMinLines, kMaxLines, true},
}};
constexpr std::array<ConfigField, 5> kDevice = {{
    {"hrs_ua", K::kPositive},
    {"lrs_ua", K::kPositive},
    {"g_min_us", K::kPositive},
    {"g_max_us", K::kPositive},
    {"v_read_v", K::kNonZero},
}};
constexpr std::array<ConfigField, 4> kAdc = {{
    {"type", K::kAdcType},
    {"bits", K::kInteger, {}, 1, 16, false},
    {"range", K::kAdcRange},
    {"calibration", K::kPath},
}};
constexpr std::array<ConfigField, 2> kSigma = {{
    {"hrs_ua", K::kNonNegative},
    {"lrs_ua", K::kNonNegative},
}};
constexpr std::array<ConfigField, 2> kVariability = {{
    {"d2d", K::kObject, kSigma},
    {"c2c", K::kObject, kSigma},
}};
constexpr std::array<ConfigField, 2> kFaults = {{
    {"stuck_at_hrs", K::kFraction},
    {"stuck_at_lrs", K::kFraction},
}};
constexpr std::array<ConfigField, 7> kReadDisturb = {{
    {"enabled", K::kBoolean},
    {"t_read_s", K::kPositive},
    {"counting", K::kName, {}, 0, 0, false, kDisturbCountingNames},
    {"mitigation", K::kName, {}, 0, 0, false, kDisturbMitigationNames},
    {"fp", K::kAtLeastOne},
    {"tolerance", K::kFraction},
    {"update_interval_mvms", K::kInteger, {}, 1, int64_t{1} << 40, false},
}};
constexpr std::array<ConfigField, 5> kIrDrop = {{
    {"model", K::kName, {}, 0, 0, false, kIrDropModelNames},
    {"r_col_ohm", K::kNonNegative},
    {"r_row_ohm", K::kNonNegative},
    {"r_driver_ohm", K::kNonNegative},
    {"r_sense_ohm", K::kNonNegative},
}};
constexpr std::array<ConfigField, 4> kDrift = {{
    {"t_s", K::kNonNegative},
    {"t0_s", K::kPositive},
    {"nu_hrs", K::kNonNegative},
    {"nu_lrs", K::kNonNegative},
}};
constexpr std::array<ConfigField, 11> kTop = {{
    {"_comment", K::kComment},
    {"geometry", K::kObject, kGeometry},
    {"mapping", K::kMapping},
    {"device", K::kObject, kDevice},
    {"adc", K::kObject, kAdc},
    {"variability", K::kObject, kVariability},
    {"faults", K::kObject, kFaults},
    {"read_disturb", K::kObject, kReadDisturb},
    {"ir_drop", K::kObject, kIrDrop},
    {"drift", K::kObject, kDrift},
    {"seed", K::kSeed},
}};
constexpr ConfigField kRoot = {"", K::kObject, kTop};

constexpr std::array<std::string_view, 4> kAdcTypeNames = {"INF", "SYM", "POS", "auto"};
constexpr std::array<std::string_view, 3> kAdcRangeNames = {"max", "mapping_max", "calibrated"};

Status Bad(const std::string& pointer, const json& value, const std::string& problem) {
  return InvalidArgument((pointer.empty() ? std::string("top level") : pointer) + " = " +
                         JsonForMessage(value) + ": " + problem);
}

template <typename Names>
std::string JoinNames(const Names& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string MappingNames() {
  std::string out;
  for (const MappingTraits& t : AllMappings())
    out += (out.empty() ? "" : ", ") + std::string(t.name);
  return out;
}

Status CheckEnum(const json& v, const std::string& pointer, const std::string& valid,
                 bool (*known)(const std::string&)) {
  if (!v.is_string()) return Bad(pointer, v, "expected a string, one of: " + valid);
  if (!known(v.get<std::string>())) return Bad(pointer, v, "must be one of: " + valid);
  return Status::Ok();
}

bool IsAdcType(const std::string& s) {
  for (std::string_view n : kAdcTypeNames)
    if (s == n) return true;
  return false;
}
bool IsAdcRangeName(const std::string& s) {
  for (std::string_view n : kAdcRangeNames)
    if (s == n) return true;
  return false;
}
bool IsMappingName(const std::string& s) { return ParseMapping(s).ok(); }

Status CheckAdcRange(const json& v, const std::string& pointer) {
  const std::string valid = JoinNames(kAdcRangeNames) + ", or [lo, hi] in uA";
  if (v.is_string()) {
    if (!IsAdcRangeName(v.get<std::string>())) return Bad(pointer, v, "must be one of: " + valid);
    return Status::Ok();
  }
  if (!v.is_array()) return Bad(pointer, v, "expected one of: " + valid);
  if (v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
    return Bad(pointer, v, "expected [lo, hi]: two numbers in uA");
  }
  if (!(v[0].get<double>() < v[1].get<double>())) return Bad(pointer, v, "lo must be less than hi");
  return Status::Ok();
}

Status CheckObject(const ConfigField& field, const json& v, const std::string& pointer) {
  if (!v.is_object()) return Bad(pointer, v, "expected an object");
  for (const auto& [key, child_value] : v.items()) {
    const std::string child_pointer = pointer + "/" + JsonPointerEscape(key);
    const ConfigField* child = FindConfigField(field, key);
    if (child == nullptr) {
      return InvalidArgument(child_pointer + ": unknown key (valid: " + ConfigFieldKeys(field) +
                             ")");
    }
    CIM_RETURN_IF_ERROR(CheckConfigField(*child, child_value, child_pointer));
  }
  return Status::Ok();
}

Status CheckInteger(const ConfigField& f, const json& v, const std::string& pointer) {
  if (!v.is_number_integer()) return Bad(pointer, v, "expected an integer");
  // Unsigned values above INT64_MAX are out of every range we accept.
  const bool too_big = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(f.max);
  if (too_big || v.get<int64_t>() < f.min || v.get<int64_t>() > f.max) {
    return Bad(pointer, v,
               "must be in [" + std::to_string(f.min) + ", " + std::to_string(f.max) + "]");
  }
  if (f.even && v.get<int64_t>() % 2 != 0) return Bad(pointer, v, "must be even");
  return Status::Ok();
}

Status CheckNumber(const ConfigField& f, const json& v, const std::string& pointer) {
  if (!v.is_number()) return Bad(pointer, v, "expected a number");
  const double x = v.get<double>();
  switch (f.kind) {
    case K::kPositive:
      return x > 0 ? Status::Ok() : Bad(pointer, v, "must be > 0");
    case K::kNonNegative:
      return x >= 0 ? Status::Ok() : Bad(pointer, v, "must be >= 0");
    case K::kNonZero:
      return x != 0 ? Status::Ok() : Bad(pointer, v, "must be non-zero");
    case K::kFraction:
      return x >= 0 && x <= 1 ? Status::Ok() : Bad(pointer, v, "must be in [0, 1]");
    case K::kAtLeastOne:
      return x >= 1 ? Status::Ok() : Bad(pointer, v, "must be >= 1");
    default:
      return Internal("CheckNumber: not a number field: " + pointer);
  }
}

}  // namespace

const ConfigField& XbarConfigSchema() { return kRoot; }

const ConfigField* FindConfigField(const ConfigField& object, std::string_view key) {
  for (const ConfigField& c : object.children) {
    if (c.key == key) return &c;
  }
  return nullptr;
}

std::string ConfigFieldKeys(const ConfigField& object) {
  std::string out;
  for (const ConfigField& c : object.children)
    out += (out.empty() ? "" : ", ") + std::string(c.key);
  return out;
}

Status CheckConfigField(const ConfigField& field, const json& v, const std::string& pointer) {
  switch (field.kind) {
    case K::kObject:
      return CheckObject(field, v, pointer);
    case K::kInteger:
      return CheckInteger(field, v, pointer);
    case K::kSeed:
      return v.is_number_unsigned() ? Status::Ok()
                                    : Bad(pointer, v, "expected a non-negative integer");
    case K::kPositive:
    case K::kNonNegative:
    case K::kNonZero:
    case K::kFraction:
    case K::kAtLeastOne:
      return CheckNumber(field, v, pointer);
    case K::kBoolean:
      return v.is_boolean() ? Status::Ok() : Bad(pointer, v, "expected true or false");
    case K::kName: {
      const std::string valid = JoinNames(field.names);
      if (!v.is_string()) return Bad(pointer, v, "expected a string, one of: " + valid);
      for (std::string_view n : field.names)
        if (v.get<std::string>() == n) return Status::Ok();
      return Bad(pointer, v, "must be one of: " + valid);
    }
    case K::kMapping:
      return CheckEnum(v, pointer, MappingNames(), IsMappingName);
    case K::kAdcType:
      return CheckEnum(v, pointer, JoinNames(kAdcTypeNames), IsAdcType);
    case K::kAdcRange:
      return CheckAdcRange(v, pointer);
    case K::kPath:
      if (!v.is_string() || v.get<std::string>().empty()) {
        return Bad(pointer, v, "expected a non-empty string (a file path)");
      }
      return Status::Ok();
    case K::kComment:
      return v.is_string() ? Status::Ok() : Bad(pointer, v, "expected a string");
  }
  return Internal("CheckConfigField: unhandled kind at " + pointer);
}

}  // namespace cim
