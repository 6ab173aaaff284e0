#include "cim/sim/xbar_stats.h"

#include <algorithm>
#include <cmath>

namespace cim {
namespace {
constexpr double kFixedScale = 1048576.0;  // 2^20 units per µA
}

void FixedPointMoments::Add(double x_ua) {
  const int64_t v = std::llround(x_ua * kFixedScale);
  ++count;
  sum += v;
  sum_sq += static_cast<__int128>(v) * v;
  min_fp = std::min(min_fp, v);
  max_fp = std::max(max_fp, v);
}

void FixedPointMoments::Merge(const FixedPointMoments& o) {
  count += o.count;
  sum += o.sum;
  sum_sq += o.sum_sq;
  min_fp = std::min(min_fp, o.min_fp);
  max_fp = std::max(max_fp, o.max_fp);
}

double FixedPointMoments::Mean() const {
  return count == 0 ? 0.0 : static_cast<double>(sum) / count / kFixedScale;
}

double FixedPointMoments::Sigma() const {
  if (count == 0) return 0.0;
  // Var = (n·Σx² − (Σx)²) / n², computed in exact integers before dividing.
  const __int128 num = static_cast<__int128>(count) * sum_sq - sum * sum;
  const double var = static_cast<double>(num) / (static_cast<double>(count) * count);
  return std::sqrt(std::max(0.0, var)) / kFixedScale;
}

double FixedPointMoments::Min() const { return count == 0 ? 0.0 : min_fp / kFixedScale; }
double FixedPointMoments::Max() const { return count == 0 ? 0.0 : max_fp / kFixedScale; }

void AdcStats::Merge(const AdcStats& o) {
  conversions += o.conversions;
  clipped_low += o.clipped_low;
  clipped_high += o.clipped_high;
  if (code_histogram.size() < o.code_histogram.size()) code_histogram.resize(o.code_histogram.size());
  for (size_t i = 0; i < o.code_histogram.size(); ++i) code_histogram[i] += o.code_histogram[i];
  input_current.Merge(o.input_current);
}

void CellStats::Merge(const CellStats& o) {
  crossbars += o.crossbars;
  cells_total += o.cells_total;
  cells_used += o.cells_used;
  lrs_cells += o.lrs_cells;
  hrs_cells += o.hrs_cells;
  stuck_at_hrs += o.stuck_at_hrs;
  stuck_at_lrs += o.stuck_at_lrs;
  lrs_current.Merge(o.lrs_current);
  hrs_current.Merge(o.hrs_current);
}

double ReadDisturbStats::MeanCycles() const {
  return lrs_cells == 0 ? 0.0 : static_cast<double>(cycles_sum) / lrs_cells;
}

double ReadDisturbStats::MeanRatio() const {
  return lrs_cells == 0 ? 1.0 : ratio_sum / lrs_cells;
}

void ReadDisturbStats::Merge(const ReadDisturbStats& o) {
  enabled = enabled || o.enabled;
  refreshes += o.refreshes;
  refreshed_cells += o.refreshed_cells;
  lrs_cells += o.lrs_cells;
  cycles_sum += o.cycles_sum;
  cycles_max = std::max(cycles_max, o.cycles_max);
  past_cycle_limit = past_cycle_limit || o.past_cycle_limit;
  ratio_sum += o.ratio_sum;
}

void LayerStats::Merge(const LayerStats& o) {
  mvms += o.mvms;
  adc.Merge(o.adc);
}

}  // namespace cim
