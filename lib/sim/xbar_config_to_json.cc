#include "cim/sim/xbar_config_json.h"

namespace cim {

nlohmann::json XbarConfigToJson(const XbarConfig& c) {
  using json = nlohmann::json;
  json doc = json::object();
  doc["geometry"] = {{"rows", c.geometry.rows}, {"cols", c.geometry.cols}};
  // An absent mapping means "the program's"; writing one would change that.
  if (c.mapping_given) doc["mapping"] = MappingName(c.mapping);
  doc["device"] = {
      {"hrs_ua", c.device.hrs_ua}, {"lrs_ua", c.device.lrs_ua}, {"v_read_v", c.device.v_read_v}};
  json adc = {{"type", c.adc.kind_auto ? "auto" : AdcKindName(c.adc.kind)}, {"bits", c.adc.bits}};
  if (c.adc.range == AdcRangeMode::kExplicit) {
    adc["range"] = json::array({c.adc.explicit_range.lo, c.adc.explicit_range.hi});
  } else {
    adc["range"] = AdcRangeModeName(c.adc.range);
  }
  if (!c.adc.calibration_file.empty()) adc["calibration"] = c.adc.calibration_file;
  doc["adc"] = adc;
  doc["variability"] = {
      {"d2d", {{"hrs_ua", c.noise.d2d.hrs_ua}, {"lrs_ua", c.noise.d2d.lrs_ua}}},
      {"c2c", {{"hrs_ua", c.noise.c2c.hrs_ua}, {"lrs_ua", c.noise.c2c.lrs_ua}}},
  };
  doc["faults"] = {{"stuck_at_hrs", c.noise.stuck_at_hrs}, {"stuck_at_lrs", c.noise.stuck_at_lrs}};
  const ReadDisturbConfig& rd = c.read_disturb;
  doc["read_disturb"] = {{"enabled", rd.enabled},
                         {"t_read_s", rd.t_read_s},
                         {"counting", DisturbCountingName(rd.counting)},
                         {"mitigation", DisturbMitigationName(rd.mitigation)},
                         {"fp", rd.fp},
                         {"tolerance", rd.tolerance},
                         {"update_interval_mvms", rd.update_interval_mvms}};
  doc["ir_drop"] = {{"model", IrDropModelName(c.ir_drop.model)},
                    {"r_col_ohm", c.ir_drop.r_col_ohm},
                    {"r_row_ohm", c.ir_drop.r_row_ohm},
                    {"r_driver_ohm", c.ir_drop.r_driver_ohm},
                    {"r_sense_ohm", c.ir_drop.r_sense_ohm}};
  const DriftConfig& d = c.noise.drift;
  doc["drift"] = {{"t_s", d.t_s}, {"t0_s", d.t0_s}, {"nu_hrs", d.nu_hrs}, {"nu_lrs", d.nu_lrs}};
  doc["seed"] = c.seed;
  return doc;
}

}  // namespace cim
