#pragma once
// r(·) of crossbar-model.md §1: round half away from zero.

#include <cstdint>

namespace cim::sim {

/// Round half away from zero, exact for |v| < 2^52, with no libm call (it
/// runs once per ADC conversion and output).
inline int64_t RoundHalfAway(double v) {
  const int64_t i = static_cast<int64_t>(v);  // toward zero
  const double frac = v - static_cast<double>(i);
  // Branch-free: noisy inputs make the direction unpredictable.
  return i + static_cast<int64_t>(frac >= 0.5) - static_cast<int64_t>(frac <= -0.5);
}

}  // namespace cim::sim
