#pragma once
// Per-conversion statistics of the ADC (crossbar-model.md §3 "Statistics"),
// recorded inline in the hot loop: counts, clipping, code histogram and the
// moments of the ADC input current (after the offset, i.e. what is clipped).

#include <cstdint>

#include "cim/sim/xbar_stats.h"
#include "sim/adc_model.h"

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

/// Records one conversion of input `input_ua` that produced `s`.
inline void RecordConversion(AdcStats& st, double input_ua, const AdcSample& s, bool quantising) {
  ++st.conversions;
  st.clipped_low += s.clipped < 0;
  st.clipped_high += s.clipped > 0;
  if (quantising) ++st.code_histogram[static_cast<size_t>(s.code)];
  AddCurrentFixedPoint(st.input_current, input_ua);
}

}  // namespace cim::sim
