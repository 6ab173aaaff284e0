#include "cim/sim/xbar_config.h"

namespace cim {

const char* AdcKindName(AdcKind kind) {
  switch (kind) {
    case AdcKind::kInf:
      return "INF";
    case AdcKind::kSymmetric:
      return "SYM";
    case AdcKind::kPositive:
      return "POS";
  }
  return "?";
}

const char* AdcRangeModeName(AdcRangeMode mode) {
  switch (mode) {
    case AdcRangeMode::kMax:
      return "max";
    case AdcRangeMode::kMappingMax:
      return "mapping_max";
    case AdcRangeMode::kCalibrated:
      return "calibrated";
    case AdcRangeMode::kExplicit:
      return "explicit";
  }
  return "?";
}

AdcKind AdcKindFor(Mapping mapping) {
  return Traits(mapping).adc == AdcPolarity::kSymmetric ? AdcKind::kSymmetric : AdcKind::kPositive;
}

Status ResolveXbarConfig(XbarConfig& config, Mapping program_mapping) {
  if (!config.mapping_given) config.mapping = program_mapping;
  const AdcKind needed = AdcKindFor(config.mapping);
  if (config.adc.kind_auto) {
    config.adc.kind = needed;
    return Status::Ok();
  }
  if (config.adc.kind != AdcKind::kInf && config.adc.kind != needed) {
    return InvalidArgument(std::string("/adc/type = \"") + AdcKindName(config.adc.kind) +
                           "\": does not fit mapping " + MappingName(config.mapping) +
                           " (it needs " + AdcKindName(needed) + " or INF)");
  }
  return Status::Ok();
}

}  // namespace cim
