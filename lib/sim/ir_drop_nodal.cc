#include "sim/ir_drop_nodal.h"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>

namespace cim::sim {
namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kInfinite = std::numeric_limits<double>::infinity();

// One row on its own, seen from its column nodes W: the current its cells
// push into them is k·v_r − Y_row·W.
struct RowEquivalent {
  VectorXd k;
  MatrixXd y;
};

// Ideal row wire: one node per row, tied to the driver through g_drv
// (infinite: the row is held at v_r).
RowEquivalent LumpedRow(const VectorXd& g, double g_drv) {
  MatrixXd y = g.asDiagonal();
  if (g_drv == kInfinite) return {g, y};
  const double s = g_drv + g.sum();
  return {g * (g_drv / s), y - g * g.transpose() / s};
}

// Resistive row wire: the row nodes U solve M·U = g_d0·v·e0 + diag(g)·W with
// M tridiagonal (wire Laplacian + driver + cells), so the cells push
// g∘U − g∘W = k·v − (diag(g) − diag(g)·M⁻¹·diag(g))·W into the columns.
RowEquivalent WiredRow(const VectorXd& g, double g_row, double g_d0) {
  const int64_t n = g.size();
  // M = L·D·Lᵀ: subdiagonal l[c] (c ≥ 1), pivots d[c]; off-diagonal −g_row.
  VectorXd l(n), d(n);
  for (int64_t c = 0; c < n; ++c) {
    const double m = g[c] + (c == 0 ? g_d0 : g_row) + (c + 1 < n ? g_row : 0.0);
    if (c == 0) {
      d[c] = m;
      continue;
    }
    l[c] = -g_row / d[c - 1];
    d[c] = m + l[c] * g_row;  // m − g_row²/d[c−1]
  }
  // Right-hand sides: the columns of diag(g) and e0, solved together (row-major
  // so that each elimination step is one vectorised row operation).
  RowMajorMatrixD x = RowMajorMatrixD::Zero(n, n + 1);
  for (int64_t c = 0; c < n; ++c) x(c, c) = g[c];
  x(0, n) = 1.0;
  for (int64_t c = 1; c < n; ++c) x.row(c) -= l[c] * x.row(c - 1);
  for (int64_t c = 0; c < n; ++c) x.row(c) /= d[c];
  for (int64_t c = n - 2; c >= 0; --c) x.row(c) -= l[c + 1] * x.row(c + 1);
  RowEquivalent e;
  e.k = g.cwiseProduct(x.col(n)) * g_d0;
  e.y = -(g.asDiagonal() * x.leftCols(n));
  e.y.diagonal() += g;
  return e;
}

}  // namespace

// Units: voltages relative to |v_read| (a driven row is 1), conductances in
// µA per |v_read| (a cell's is its read current), so currents come out in µA.
double WireConductance(double ohm, double v_abs) {
  return ohm > 0.0 ? 1e6 * v_abs / ohm : kInfinite;
}

RowMajorMatrixD NodalTransferMatrix(const float* cell_ua, int64_t rows, int64_t cols,
                                    const WireResistances& wires, double v_read_v,
                                    int64_t drivable_rows) {
  const double v = std::fabs(v_read_v);
  const double g_row = WireConductance(wires.row_ohm, v);
  const double g_col = WireConductance(wires.col_ohm, v);
  const double g_d0 =
      WireConductance(wires.driver_ohm + wires.row_ohm, v);  // driver + first segment
  const double g_out = WireConductance(wires.col_ohm + wires.sense_ohm, v);  // last segment + sense

  // Norton equivalent of rows 0..r seen from row r's column nodes W_r: they
  // push K·v − Y·W_r into the rest of the network (K's column r' = row r').
  MatrixXd y = MatrixXd::Zero(cols, cols);
  MatrixXd k = MatrixXd::Zero(cols, drivable_rows);
  MatrixXd rhs;
  for (int64_t r = 0; r < rows; ++r) {
    if (r > 0 && g_col != kInfinite) {
      // Through the segments to row r: W_{r−1} = (Y + g·I)⁻¹(K·v + g·W_r), so
      // K ← g·(Y + g·I)⁻¹·K and Y ← g·(Y + g·I)⁻¹·Y.
      MatrixXd a = y;
      a.diagonal().array() += g_col;
      const Eigen::LLT<MatrixXd> llt(a);
      const int64_t kc = std::min(r, drivable_rows);
      rhs.resize(cols, cols + kc);
      rhs << y, k.leftCols(kc);
      llt.solveInPlace(rhs);
      y = g_col * rhs.leftCols(cols);
      k.leftCols(kc) = g_col * rhs.rightCols(kc);
    }
    VectorXd g(cols);
    for (int64_t c = 0; c < cols; ++c) g[c] = cell_ua[r * cols + c];
    const RowEquivalent row = g_row == kInfinite
                                  ? LumpedRow(g, WireConductance(wires.driver_ohm, v))
                                  : WiredRow(g, g_row, g_d0);
    y += row.y;
    if (r < drivable_rows) k.col(r) = row.k;
  }
  // The sense path: (Y + g_out·I)·W = K·v, I_sense = g_out·W.
  if (g_out == kInfinite) return k.transpose();
  MatrixXd a = y;
  a.diagonal().array() += g_out;
  const MatrixXd t = g_out * Eigen::LLT<MatrixXd>(a).solve(k);
  return t.transpose();
}

}  // namespace cim::sim
