#include "sim/read_disturb_model.h"

#include <cmath>

namespace cim::sim {

using C = ReadDisturbConstants;

ReadDisturbModel::ReadDisturbModel(double v_read_v)
    : p_(C::kC1 * std::exp(C::kA * std::fabs(v_read_v) / C::kThermalV)),
      tau0_s_(C::kT0S * std::pow(C::kF, 1.0 / p_)) {}

FailureTime ReadDisturbModel::Failure(uint64_t cycles) const {
  const double wear = C::kK * std::pow(static_cast<double>(cycles), C::kM);
  if (wear >= 1.0) return {0.0, true};
  return {tau0_s_ * std::pow(1.0 - wear, 1.0 / p_), false};
}

double ReadDisturbModel::ConductanceRatio(double stress_s, const FailureTime& failure) const {
  if (failure.past_cycle_limit) return stress_s > 0.0 ? 0.0 : 1.0;
  if (stress_s < failure.tau_s) return 1.0;
  return std::pow(stress_s / failure.tau_s, -p_);
}

}  // namespace cim::sim
