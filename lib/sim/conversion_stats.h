#pragma once
// Moments of the ADC input current (crossbar-model.md §3 "Statistics": after
// the offset, i.e. what is clipped), accumulated inline in the hot loop.

#include <cstdint>

#include "cim/sim/xbar_stats.h"

namespace cim::sim {

/// Same fixed point as FixedPointMoments::Add (2^20 units per µA, rounded half
/// away from zero), without its out-of-line llround call.
inline void AddCurrentFixedPoint(FixedPointMoments& m, double x_ua) {
  const double scaled = x_ua * 1048576.0;
  const int64_t v = static_cast<int64_t>(scaled + (scaled >= 0.0 ? 0.5 : -0.5));
  ++m.count;
  m.sum += v;
  m.sum_sq += static_cast<__int128>(v) * v;
  if (v < m.min_fp) m.min_fp = v;
  if (v > m.max_fp) m.max_fp = v;
}

}  // namespace cim::sim
