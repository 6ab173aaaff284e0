#include "cim/sim/xbar_config_json.h"

#include <cmath>
#include <filesystem>
#include <string_view>
#include <utility>

#include "cim/sim/calibration_file.h"
#include "sim/json_file.h"
#include "sim/read_disturb_names.h"
#include "sim/xbar_config_schema.h"

namespace cim {
namespace {

using json = nlohmann::json;

// Values below were validated against the schema, so only presence varies.
const json& Section(const json& doc, const char* key) {
  static const json kEmpty = json::object();
  return doc.contains(key) ? doc[key] : kEmpty;
}

double NumberOr(const json& obj, const char* key, double fallback) {
  return obj.contains(key) ? obj[key].get<double>() : fallback;
}

std::string Num(double x) { return FormatJsonNumber(x); }

Status ReadDevice(const json& dev, const std::string& name, DeviceConfig& out) {
  const bool currents = dev.contains("hrs_ua") || dev.contains("lrs_ua");
  const bool conductances = dev.contains("g_min_us") || dev.contains("g_max_us");
  out.v_read_v = NumberOr(dev, "v_read_v", out.v_read_v);
  if (currents && conductances) {
    return InvalidArgument(name +
                           ": /device: give either hrs_ua/lrs_ua or g_min_us/g_max_us, not both");
  }
  if (conductances) {
    if (!dev.contains("g_min_us") || !dev.contains("g_max_us")) {
      return InvalidArgument(
          name + ": /device: g_min_us and g_max_us must be given together (found only " +
          (dev.contains("g_min_us") ? "g_min_us" : "g_max_us") + ")");
    }
    const double g_min = dev["g_min_us"].get<double>(), g_max = dev["g_max_us"].get<double>();
    if (!(g_max > g_min)) {
      return InvalidArgument(name + ": /device: g_max_us = " + Num(g_max) +
                             " must be greater than g_min_us = " + Num(g_min));
    }
    // µS · V = µA (crossbar-model.md: I = G·|V|).
    out.hrs_ua = g_min * std::fabs(out.v_read_v);
    out.lrs_ua = g_max * std::fabs(out.v_read_v);
    return Status::Ok();
  }
  out.hrs_ua = NumberOr(dev, "hrs_ua", out.hrs_ua);
  out.lrs_ua = NumberOr(dev, "lrs_ua", out.lrs_ua);
  if (!(out.lrs_ua > out.hrs_ua)) {
    return InvalidArgument(name + ": /device: lrs_ua = " + Num(out.lrs_ua) +
                           " must be greater than hrs_ua = " + Num(out.hrs_ua));
  }
  return Status::Ok();
}

AdcKind AdcKindFromName(const std::string& s) {
  if (s == "SYM") return AdcKind::kSymmetric;
  if (s == "POS") return AdcKind::kPositive;
  return AdcKind::kInf;
}

AdcRangeMode AdcRangeModeFromName(const std::string& s) {
  if (s == "mapping_max") return AdcRangeMode::kMappingMax;
  if (s == "calibrated") return AdcRangeMode::kCalibrated;
  return AdcRangeMode::kMax;
}

std::string ResolvePath(const std::string& base_dir, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || base_dir.empty()) return p.lexically_normal().string();
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

Status ReadAdc(const json& adc, const std::string& name, const std::string& base_dir,
               AdcConfig& out) {
  if (adc.contains("type")) {
    const std::string type = adc["type"].get<std::string>();
    out.kind_auto = type == "auto";
    if (!out.kind_auto) out.kind = AdcKindFromName(type);
  }
  if (adc.contains("bits")) out.bits = adc["bits"].get<int>();
  if (adc.contains("calibration")) {
    out.calibration_file = ResolvePath(base_dir, adc["calibration"].get<std::string>());
  }
  if (adc.contains("range")) {
    const json& range = adc["range"];
    if (range.is_array()) {
      out.range = AdcRangeMode::kExplicit;
      out.explicit_range = {range[0].get<double>(), range[1].get<double>()};
    } else {
      out.range = AdcRangeModeFromName(range.get<std::string>());
    }
  }
  if (out.range != AdcRangeMode::kCalibrated) return Status::Ok();
  if (out.calibration_file.empty()) {
    return InvalidArgument(name + ": /adc/range = \"calibrated\": needs /adc/calibration " +
                           "(a file written by cimsim --calibrate)");
  }
  Result<std::map<std::string, AdcRange>> ranges = ReadCalibration(out.calibration_file);
  if (!ranges.ok()) return ranges.status().WithPrefix(name + ": /adc/calibration");
  out.calibrated = std::move(ranges).value();
  return Status::Ok();
}

Status CheckAdcAgainstMapping(const std::string& name, XbarConfig& cfg) {
  if (!cfg.mapping_given) return Status::Ok();  // resolved later against the program's mapping
  const Status s = ResolveXbarConfig(cfg, cfg.mapping);
  if (!s.ok()) return InvalidArgument(name + ": " + s.message());
  return Status::Ok();
}

StateSigma ReadSigma(const json& s) {
  return {NumberOr(s, "hrs_ua", 0.0), NumberOr(s, "lrs_ua", 0.0)};
}

Status ReadNoise(const json& doc, const std::string& name, NoiseConfig& out) {
  const json& var = Section(doc, "variability");
  out.d2d = ReadSigma(Section(var, "d2d"));
  out.c2c = ReadSigma(Section(var, "c2c"));
  const json& faults = Section(doc, "faults");
  out.stuck_at_hrs = NumberOr(faults, "stuck_at_hrs", 0.0);
  out.stuck_at_lrs = NumberOr(faults, "stuck_at_lrs", 0.0);
  const double stuck = out.stuck_at_hrs + out.stuck_at_lrs;
  if (stuck > 1.0) {
    return InvalidArgument(name + ": /faults: stuck_at_hrs + stuck_at_lrs = " + Num(stuck) +
                           ": must be at most 1");
  }
  return Status::Ok();
}

// Index of `name` in `names` (validated against the same table by the schema).
template <typename Names>
size_t NameIndex(const Names& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return i;
  return 0;
}

ReadDisturbConfig ReadReadDisturb(const json& rd) {
  ReadDisturbConfig out;
  if (rd.contains("enabled")) out.enabled = rd["enabled"].get<bool>();
  out.t_read_s = NumberOr(rd, "t_read_s", out.t_read_s);
  if (rd.contains("counting")) {
    out.counting = static_cast<DisturbCounting>(
        NameIndex(kDisturbCountingNames, rd["counting"].get<std::string>()));
  }
  if (rd.contains("mitigation")) {
    out.mitigation = static_cast<DisturbMitigation>(
        NameIndex(kDisturbMitigationNames, rd["mitigation"].get<std::string>()));
  }
  out.fp = NumberOr(rd, "fp", out.fp);
  out.tolerance = NumberOr(rd, "tolerance", out.tolerance);
  if (rd.contains("update_interval_mvms")) {
    out.update_interval_mvms = rd["update_interval_mvms"].get<int64_t>();
  }
  return out;
}

constexpr double kMaxWireOhm = 1e6;

// The model decides which resistances exist: naming one it ignores is an error.
Status ReadIrDrop(const json& ir, const std::string& name, IrDropConfig& out) {
  if (ir.contains("model")) ParseIrDropModel(ir["model"].get<std::string>(), out.model);
  out.r_col_ohm = NumberOr(ir, "r_col_ohm", 0.0);
  out.r_row_ohm = NumberOr(ir, "r_row_ohm", 0.0);
  out.r_driver_ohm = NumberOr(ir, "r_driver_ohm", 0.0);
  out.r_sense_ohm = NumberOr(ir, "r_sense_ohm", 0.0);
  const std::string model = std::string("/ir_drop/model \"") + IrDropModelName(out.model) + "\"";
  const std::pair<const char*, double> resistances[] = {{"r_col_ohm", out.r_col_ohm},
                                                        {"r_row_ohm", out.r_row_ohm},
                                                        {"r_driver_ohm", out.r_driver_ohm},
                                                        {"r_sense_ohm", out.r_sense_ohm}};
  for (const auto& [key, ohm] : resistances) {
    if (ohm == 0.0) continue;
    // Wire, driver and sense resistances are ohms to kilo-ohms; far above a
    // cell's (~10 kΩ) the network is meaningless and the solvers lose range.
    if (ohm > kMaxWireOhm) {
      return InvalidArgument(name + ": /ir_drop/" + key + " = " + Num(ohm) +
                             ": must be at most " + Num(kMaxWireOhm));
    }
    if (out.model == IrDropModel::kNone) {
      return InvalidArgument(name + ": /ir_drop/" + key + " = " + Num(ohm) +
                             ": has no effect with " + model + " (use \"column\" or \"full\")");
    }
    if (out.model == IrDropModel::kColumn && std::string_view(key) != "r_col_ohm") {
      return InvalidArgument(name + ": /ir_drop/" + key + " = " + Num(ohm) + ": needs " +
                             "/ir_drop/model \"full\" (the column model has ideal rows, drivers " +
                             "and sense)");
    }
  }
  return Status::Ok();
}

Status ReadDrift(const json& d, const std::string& name, DriftConfig& out) {
  out.t_s = NumberOr(d, "t_s", out.t_s);
  out.t0_s = NumberOr(d, "t0_s", out.t0_s);
  out.nu_hrs = NumberOr(d, "nu_hrs", out.nu_hrs);
  out.nu_lrs = NumberOr(d, "nu_lrs", out.nu_lrs);
  // The power law describes drift after t0; before it, it would raise G.
  if (out.t_s > 0.0 && out.t_s < out.t0_s) {
    return InvalidArgument(name + ": /drift/t_s = " + Num(out.t_s) +
                           ": must be 0 (no drift) or at least /drift/t0_s = " + Num(out.t0_s));
  }
  return Status::Ok();
}

}  // namespace

Result<XbarConfig> XbarConfigFromJson(const json& doc, const std::string& name,
                                      const std::string& base_dir) {
  CIM_RETURN_IF_ERROR(CheckConfigField(XbarConfigSchema(), doc, "").WithPrefix(name));
  XbarConfig cfg;
  const json& geometry = Section(doc, "geometry");
  if (geometry.contains("rows")) cfg.geometry.rows = geometry["rows"].get<int64_t>();
  if (geometry.contains("cols")) cfg.geometry.cols = geometry["cols"].get<int64_t>();
  if (doc.contains("mapping")) {
    CIM_ASSIGN_OR_RETURN(cfg.mapping, ParseMapping(doc["mapping"].get<std::string>()));
    cfg.mapping_given = true;
  }
  CIM_RETURN_IF_ERROR(ReadDevice(Section(doc, "device"), name, cfg.device));
  CIM_RETURN_IF_ERROR(ReadAdc(Section(doc, "adc"), name, base_dir, cfg.adc));
  CIM_RETURN_IF_ERROR(CheckAdcAgainstMapping(name, cfg));
  CIM_RETURN_IF_ERROR(ReadNoise(doc, name, cfg.noise));
  cfg.read_disturb = ReadReadDisturb(Section(doc, "read_disturb"));
  CIM_RETURN_IF_ERROR(ReadDrift(Section(doc, "drift"), name, cfg.noise.drift));
  CIM_RETURN_IF_ERROR(ReadIrDrop(Section(doc, "ir_drop"), name, cfg.ir_drop));
  if (doc.contains("seed")) cfg.seed = doc["seed"].get<uint64_t>();
  return cfg;
}

Result<XbarConfig> ParseXbarConfig(std::string_view json_text, const std::string& name,
                                   const std::string& base_dir) {
  CIM_ASSIGN_OR_RETURN(json doc, ParseJsonText(json_text, name));
  return XbarConfigFromJson(doc, name, base_dir);
}

Result<json> ReadXbarConfigJson(const std::string& path) {
  CIM_ASSIGN_OR_RETURN(std::string text, ReadTextFile(path));
  return ParseJsonText(text, path);
}

Result<XbarConfig> LoadXbarConfig(const std::string& path) {
  CIM_ASSIGN_OR_RETURN(json doc, ReadXbarConfigJson(path));
  return XbarConfigFromJson(doc, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace cim
