#include "sim/adc_model.h"

#include <cstdio>

namespace cim::sim {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

Result<AdcRange> ResolveRange(const AdcConfig& adc, const DeviceConfig& device,
                              const AdcTileContext& tile) {
  const double d_i = device.lrs_ua - device.hrs_ua;
  const bool positive = adc.kind == AdcKind::kPositive;
  switch (adc.range) {
    case AdcRangeMode::kMax: {
      const double rows = static_cast<double>(tile.physical_rows);
      if (positive) return AdcRange{0.0, rows * device.lrs_ua};
      return AdcRange{-rows * d_i, rows * d_i};
    }
    case AdcRangeMode::kMappingMax: {
      const double n = static_cast<double>(tile.max_driven_rows);
      if (positive) return AdcRange{0.0, n * d_i};
      return AdcRange{-n * d_i, n * d_i};
    }
    case AdcRangeMode::kCalibrated: {
      const auto it = adc.calibrated.find(tile.layer);
      if (it == adc.calibrated.end()) {
        return InvalidArgument("/adc/range = calibrated: no range for layer \"" + tile.layer +
                               "\" in \"" + adc.calibration_file + "\"");
      }
      return it->second;
    }
    case AdcRangeMode::kExplicit:
      return adc.explicit_range;
  }
  return Internal("/adc/range: unknown range mode");
}

}  // namespace

Result<AdcModel> MakeTileAdc(const AdcConfig& adc, const DeviceConfig& device,
                             const AdcTileContext& tile) {
  AdcModel m;
  m.kind = adc.kind;
  if (adc.kind == AdcKind::kInf) return m;
  if (adc.bits < 1 || adc.bits > 16) {
    return InvalidArgument("/adc/bits = " + std::to_string(adc.bits) + ": must be in [1, 16]");
  }
  CIM_ASSIGN_OR_RETURN(const AdcRange range, ResolveRange(adc, device, tile));
  if (!(range.lo < range.hi)) {
    const std::string where =
        adc.range == AdcRangeMode::kCalibrated ? " (layer \"" + tile.layer + "\")" : "";
    return InvalidArgument("/adc/range = [" + Num(range.lo) + ", " + Num(range.hi) + "]" + where +
                           ": lo must be < hi");
  }
  m.levels = adc.kind == AdcKind::kPositive ? (1 << adc.bits) : (1 << adc.bits) - 1;
  if (m.levels < 2) {
    // A 1-bit SYM ADC has a single level (2^1 − 1): it cannot tell anything apart.
    return InvalidArgument("/adc/bits = 1: a SYM ADC needs at least 2 bits (2^b − 1 levels)");
  }
  m.lo_ua = range.lo;
  m.hi_ua = range.hi;
  m.step_ua = (range.hi - range.lo) / (m.levels - 1);
  return m;
}

}  // namespace cim::sim
