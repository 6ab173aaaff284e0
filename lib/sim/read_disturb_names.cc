#include "sim/read_disturb_names.h"

#include "cim/sim/xbar_config.h"

namespace cim {

const char* DisturbCountingName(DisturbCounting counting) {
  return kDisturbCountingNames[static_cast<size_t>(counting)].data();
}

const char* DisturbMitigationName(DisturbMitigation mitigation) {
  return kDisturbMitigationNames[static_cast<size_t>(mitigation)].data();
}

}  // namespace cim
