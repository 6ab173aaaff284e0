#include "sim/ir_drop_ladder.h"

#include <cmath>

#include "cim/support/check.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// den grows by a factor ≤ 1 + r·Σg per row; rescaling every few rows keeps
// it far from overflow for any wire resistance (G = num/den is unchanged).
constexpr int kRescaleEvery = 8;

CIM_VECTOR_CLONES void AddCells(int64_t n, double segments_r, const float* g, double* num,
                                double* den) {
  for (int64_t c = 0; c < n; ++c) {
    const double d = den[c] + segments_r * num[c];
    den[c] = d;
    num[c] += static_cast<double>(g[c]) * d;
  }
}

CIM_VECTOR_CLONES void Rescale(int64_t n, double* num, double* den) {
  for (int64_t c = 0; c < n; ++c) {
    num[c] /= den[c];
    den[c] = 1.0;
  }
}

CIM_VECTOR_CLONES void Close(int64_t n, double segments_r, const double* num, const double* den,
                             double* current) {
  for (int64_t c = 0; c < n; ++c) current[c] = num[c] / (den[c] + segments_r * num[c]);
}

}  // namespace

double LadderColumnCurrent(std::span<const double> cell_ua, std::span<const uint8_t> driven,
                           double r_col_ohm, double v_read_v) {
  CIM_CHECK(cell_ua.size() == driven.size());
  const double v = std::fabs(v_read_v);
  const double g_w = 1e6 / r_col_ohm;  // µS
  double g = 0.0;
  for (size_t r = 0; r < cell_ua.size(); ++r) {
    if (driven[r]) g += cell_ua[r] / v;  // G_cell = I_cell/|V| in µS
    g = g * g_w / (g + g_w);
  }
  return g * v;
}

void ColumnLadders::Reset(double r_col_ohm, double v_read_v, int64_t rows, int64_t cols) {
  seg_per_ua_ = r_col_ohm * 1e-6 / std::fabs(v_read_v);
  rows_ = rows;
  cols_ = cols;
  prev_row_ = -1;
  since_rescale_ = 0;
  num_.assign(static_cast<size_t>(cols), 0.0);
  den_.assign(static_cast<size_t>(cols), 1.0);
}

void ColumnLadders::AddRow(int64_t row, const float* cell_ua) {
  CIM_CHECK(row > prev_row_ && row < rows_);
  // The segments since the previous driven row (before the first one num is
  // 0, so the segments from the far end change nothing).
  AddCells(cols_, static_cast<double>(row - prev_row_) * seg_per_ua_, cell_ua, num_.data(),
           den_.data());
  prev_row_ = row;
  if (++since_rescale_ == kRescaleEvery) {
    Rescale(cols_, num_.data(), den_.data());
    since_rescale_ = 0;
  }
}

void ColumnLadders::Finish(double* current_ua) {
  // Segments below the last driven row, the last one ending at the sense node.
  Close(cols_, static_cast<double>(rows_ - prev_row_) * seg_per_ua_, num_.data(), den_.data(),
        current_ua);
}

}  // namespace cim::sim
