#pragma once
// Power-law conductance drift (crossbar-model.md §4, "retention"): a cell
// programmed to G0 reads G(t) = G0·(t/t0)^(−ν) a time t after programming,
// with ν per state. Read currents scale alike (I = G·|v_read|).

#include <cmath>

#include "cim/sim/xbar_config.h"

namespace cim::sim {

/// G(t)/G0 for a cell in state `lrs` (1 when drift is off).
inline double DriftFactor(const DriftConfig& d, bool lrs) {
  if (!d.on()) return 1.0;
  return std::pow(d.t_s / d.t0_s, -(lrs ? d.nu_lrs : d.nu_hrs));
}

}  // namespace cim::sim
