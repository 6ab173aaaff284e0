#include "cim/sim/calibration_file.h"

#include <fstream>

#include "sim/json_file.h"

namespace cim {
namespace {

using json = nlohmann::json;

constexpr double kSigmas = 3.0;            // differential range: mean ± 3σ
constexpr double kDegenerateHalfUa = 0.5;  // half-width given to a zero-width range

std::string Num(double x) { return FormatJsonNumber(x); }

Status ReadLayer(const std::string& path, const std::string& name, const json& entry,
                 AdcRange& out) {
  const std::string pointer = "/layers/" + JsonPointerEscape(name);
  if (!entry.is_object()) {
    return InvalidArgument(path + ": " + pointer + " = " + JsonForMessage(entry) +
                           ": expected an object {\"lo\": ..., \"hi\": ...}");
  }
  for (const char* key : {"lo", "hi"}) {
    if (!entry.contains(key))
      return InvalidArgument(path + ": " + pointer + "/" + key + ": missing");
    if (!entry[key].is_number()) {
      return InvalidArgument(path + ": " + pointer + "/" + key + " = " +
                             JsonForMessage(entry[key]) + ": expected a number (uA)");
    }
  }
  out = {entry["lo"].get<double>(), entry["hi"].get<double>()};
  if (!(out.lo < out.hi)) {
    return InvalidArgument(path + ": " + pointer + "/hi = " + Num(out.hi) +
                           ": must be greater than lo = " + Num(out.lo));
  }
  return Status::Ok();
}

}  // namespace

Status WriteCalibration(const std::string& path, const std::map<std::string, AdcRange>& ranges,
                        const json& metadata) {
  if (!metadata.is_null() && !metadata.is_object()) {
    return InvalidArgument(path + ": calibration metadata must be a JSON object");
  }
  json doc = metadata.is_null() ? json::object() : metadata;
  for (const char* reserved : {"format", "version", "layers"}) {
    if (doc.contains(reserved)) {
      return InvalidArgument(path + ": calibration metadata uses the reserved key \"" +
                             std::string(reserved) + "\"");
    }
  }
  doc["format"] = kCalibrationFormat;
  doc["version"] = kCalibrationVersion;
  json layers = json::object();
  for (const auto& [name, r] : ranges) {
    if (!(r.lo < r.hi)) {
      return InvalidArgument(path + ": layer \"" + name + "\": range [" + Num(r.lo) + ", " +
                             Num(r.hi) + "] is empty (lo must be less than hi)");
    }
    layers[name] = {{"lo", r.lo}, {"hi", r.hi}};
  }
  doc["layers"] = layers;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IOError(path + ": cannot open for writing");
  out << doc.dump(2) << "\n";
  out.close();
  if (!out) return IOError(path + ": write failed");
  return Status::Ok();
}

Result<std::map<std::string, AdcRange>> ReadCalibration(const std::string& path) {
  CIM_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  CIM_ASSIGN_OR_RETURN(json doc, ParseJsonText(text, path));
  if (!doc.is_object()) return InvalidArgument(path + ": expected a JSON object at the top level");
  if (!doc.contains("format") || doc["format"] != kCalibrationFormat) {
    return InvalidArgument(path + ": /format = " +
                           (doc.contains("format") ? JsonForMessage(doc["format"]) : "(missing)") +
                           ": expected \"" + kCalibrationFormat + "\"");
  }
  if (!doc.contains("version") || doc["version"] != kCalibrationVersion) {
    return InvalidArgument(
        path +
        ": /version = " + (doc.contains("version") ? JsonForMessage(doc["version"]) : "(missing)") +
        ": this build reads version " + std::to_string(kCalibrationVersion));
  }
  if (!doc.contains("layers") || !doc["layers"].is_object()) {
    return InvalidArgument(path + ": /layers: expected an object of per-layer ranges");
  }
  std::map<std::string, AdcRange> ranges;
  for (const auto& [name, entry] : doc["layers"].items()) {
    CIM_RETURN_IF_ERROR(ReadLayer(path, name, entry, ranges[name]));
  }
  return ranges;
}

AdcRange RangeFromStats(const AdcStats& stats, bool differential) {
  const FixedPointMoments& in = stats.input_current;
  AdcRange r;
  if (differential) {
    r = {in.Mean() - kSigmas * in.Sigma(), in.Mean() + kSigmas * in.Sigma()};
  } else {
    r = {in.Min(), in.Max()};
  }
  if (in.count == 0 || !(r.lo < r.hi)) {
    const double centre = 0.5 * (r.lo + r.hi);
    r = {centre - kDegenerateHalfUa, centre + kDegenerateHalfUa};
  }
  return r;
}

}  // namespace cim
