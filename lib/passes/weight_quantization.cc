#include "lib/passes/weight_quantization.h"

#include <cmath>

namespace cim::passes {

std::optional<QuantizedWeights> QuantizeRows(const std::vector<double>& w, int64_t rows, int64_t cols) {
  if (rows < 0 || cols < 0 || static_cast<int64_t>(w.size()) != rows * cols) return std::nullopt;
  QuantizedWeights q;
  q.signs.resize(w.size());
  q.scales.resize(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    const double* row = w.data() + r * cols;
    double s = 0.0;
    for (int64_t i = 0; i < cols; ++i) {
      if (!std::isfinite(row[i])) return std::nullopt;
      s = std::max(s, std::fabs(row[i]));
    }
    if (s == 0.0) s = 1.0;  // an all-zero row: any scale will do
    const double tol = kWeightRelTolerance * s;
    for (int64_t i = 0; i < cols; ++i) {
      const double a = std::fabs(row[i]);
      int8_t sign = 0;
      if (std::fabs(a - s) <= tol) {
        sign = row[i] > 0 ? 1 : -1;
      } else if (a > tol) {
        return std::nullopt;  // a third magnitude
      }
      q.signs[static_cast<size_t>(r * cols + i)] = sign;
      q.ternary = q.ternary || sign == 0;
    }
    if (std::fabs(s - 1.0) <= kWeightRelTolerance) s = 1.0;
    q.scales[static_cast<size_t>(r)] = s;
    q.unit_scales = q.unit_scales && s == 1.0;
  }
  return q;
}

}  // namespace cim::passes
