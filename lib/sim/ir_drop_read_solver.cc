#include "sim/ir_drop_read_solver.h"

#include <algorithm>
#include <cmath>

#include "cim/support/check.h"
#include "sim/ir_drop_chain_kernels.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

CIM_VECTOR_CLONES void Multiply(int64_t n, const double* a, const double* b, double* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
}

CIM_VECTOR_CLONES void Subtract(int64_t n, const double* b, double* a) {
  for (int64_t i = 0; i < n; ++i) a[i] -= b[i];
}

CIM_VECTOR_CLONES void Axpy(int64_t n, double alpha, const double* x, double* y) {
  for (int64_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

// p ← z + beta·p
CIM_VECTOR_CLONES void Xpby(int64_t n, const double* z, double beta, double* p) {
  for (int64_t i = 0; i < n; ++i) p[i] = z[i] + beta * p[i];
}

// out(r, c) = g(r, c)·u[r]: cells of rows at one voltage each.
CIM_VECTOR_CLONES void ScaleRows(int64_t rows, int64_t cols, const double* g, const double* u,
                                 double* out) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) out[r * cols + c] = g[r * cols + c] * u[r];
}

// out(r, c) = g(r, c)·w[c]: cells of columns at one voltage each.
CIM_VECTOR_CLONES void ScaleCols(int64_t rows, int64_t cols, const double* g, const double* w,
                                 double* out) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) out[r * cols + c] = g[r * cols + c] * w[c];
}

}  // namespace

void NodalReadSolver::Reset(const WireResistances& wires, double v_read_v, int64_t rows,
                            int64_t cols) {
  CIM_CHECK(rows > 0 && cols > 0);
  const double v = std::fabs(v_read_v);
  rows_ = rows;
  cols_ = cols;
  g_row_ = WireConductance(wires.row_ohm, v);
  g_col_ = WireConductance(wires.col_ohm, v);
  if (std::isfinite(g_row_)) {
    row_ = Chain::kWired;
    g_drive_ = WireConductance(wires.driver_ohm + wires.row_ohm, v);
  } else {
    g_drive_ = WireConductance(wires.driver_ohm, v);
    row_ = std::isfinite(g_drive_) ? Chain::kLumped : Chain::kFixed;
  }
  if (std::isfinite(g_col_)) {
    col_ = Chain::kWired;
    g_sense_ = WireConductance(wires.col_ohm + wires.sense_ohm, v);
  } else {
    g_sense_ = WireConductance(wires.sense_ohm, v);
    col_ = std::isfinite(g_sense_) ? Chain::kLumped : Chain::kFixed;
  }
  const auto grid = static_cast<size_t>(rows * cols);
  g_.resize(grid);
  g_t_.resize(grid);
  grid_.resize(grid);
  grid_t_.resize(grid);
  grid2_.resize(grid);
  row_u_.resize(static_cast<size_t>(rows));
  row_inv_d_.resize(row_ == Chain::kWired ? grid : static_cast<size_t>(rows));
  row_a_.resize(row_ == Chain::kWired ? grid : 0);
  col_inv_d_.resize(col_ == Chain::kWired ? grid : static_cast<size_t>(cols));
  col_a_.resize(col_ == Chain::kWired ? grid : 0);
  const auto n = static_cast<size_t>(ColUnknowns());
  for (std::vector<double>* v : {&x_, &r_, &z_, &p_, &s_, &rhs_}) v->resize(n);
}

int64_t NodalReadSolver::ColUnknowns() const {
  switch (col_) {
    case Chain::kWired: return rows_ * cols_;
    case Chain::kLumped: return cols_;
    case Chain::kFixed: return 0;
  }
  return 0;
}

void NodalReadSolver::FactorRows() {
  if (row_ == Chain::kFixed) return;
  TransposeGrid(rows_, cols_, g_.data(), g_t_.data());
  if (row_ == Chain::kWired) {
    FactorChains(cols_, rows_, rows_, g_t_.data(), g_row_, g_drive_, row_inv_d_.data(),
                 row_a_.data());
    return;
  }
  SumChains(cols_, rows_, rows_, g_t_.data(), row_inv_d_.data());
  for (double& d : row_inv_d_) d = 1.0 / (g_drive_ + d);
}

void NodalReadSolver::FactorCols() {
  if (col_ == Chain::kWired) {
    // Sense end first: node s of a column is row rows−1−s.
    const int64_t last = (rows_ - 1) * cols_;
    FactorChains(rows_, cols_, -cols_, g_.data() + last, g_col_, g_sense_,
                 col_inv_d_.data() + last, col_a_.data() + last);
  } else if (col_ == Chain::kLumped) {
    SumChains(rows_, cols_, cols_, g_.data(), col_inv_d_.data());
    for (double& d : col_inv_d_) d = 1.0 / (g_sense_ + d);
  }
}

// y_cm: currents injected into the row nodes, column-major (consumed).
// gq = G∘U, row-major, where U is the row nodes' response (Lr + G)⁻¹·y.
void NodalReadSolver::RowCellCurrents(double* y_cm, double* gq) {
  if (row_ == Chain::kWired) {
    SolveChains(cols_, rows_, rows_, row_inv_d_.data(), row_a_.data(), y_cm);
    Multiply(rows_ * cols_, g_t_.data(), y_cm, y_cm);
    TransposeGrid(cols_, rows_, y_cm, gq);
    return;
  }
  // One node per row: U_r = Σ_c y(r, c)/(g_drive + Σ_c g(r, c)).
  SumChains(cols_, rows_, rows_, y_cm, row_u_.data());
  Multiply(rows_, row_inv_d_.data(), row_u_.data(), row_u_.data());
  ScaleRows(rows_, cols_, g_.data(), row_u_.data(), gq);
}

// gu = G∘U0, row-major: the cell currents of the drive with every column at 0 V.
void NodalReadSolver::DriveCellCurrents(std::span<const uint8_t> driven, double* gu) {
  for (int64_t r = 0; r < rows_; ++r) row_u_[r] = driven[r] != 0 ? 1.0 : 0.0;
  if (row_ == Chain::kFixed) {
    ScaleRows(rows_, cols_, g_.data(), row_u_.data(), gu);
    return;
  }
  // The driver injects g_drive·v_r into the row's first node (column 0).
  std::fill(grid_t_.begin(), grid_t_.end(), 0.0);
  for (int64_t r = 0; r < rows_; ++r) grid_t_[r] = g_drive_ * row_u_[r];
  RowCellCurrents(grid_t_.data(), gu);
}

// out = S·p for the column unknowns p: the column chains' own matrix minus
// what the cells lose to the rows, G·(Lr + G)⁻¹·G·p.
void NodalReadSolver::ApplySchur(const double* p, double* out) {
  const int64_t n = rows_ * cols_;
  double* gp = grid_.data();
  if (col_ == Chain::kWired) {
    Multiply(n, g_.data(), p, gp);
  } else {
    ScaleCols(rows_, cols_, g_.data(), p, gp);
  }
  double* gq = grid2_.data();
  const bool rows_respond = row_ != Chain::kFixed;
  if (rows_respond) {
    TransposeGrid(rows_, cols_, gp, grid_t_.data());
    RowCellCurrents(grid_t_.data(), gq);
  }
  if (col_ == Chain::kWired) {
    const int64_t last = (rows_ - 1) * cols_;
    ApplyChains(rows_, cols_, -cols_, g_.data() + last, g_col_, g_sense_, p + last, out + last);
    if (rows_respond) Subtract(n, gq, out);
    return;
  }
  // One node per column: g_sense·p_c + Σ_r g(r, c)·(p_c − U(r, c)).
  if (rows_respond) Subtract(n, gq, gp);
  SumChains(rows_, cols_, cols_, gp, out);
  Axpy(cols_, g_sense_, p, out);
}

void NodalReadSolver::Precondition(const double* r, double* z) {
  if (col_ == Chain::kWired) {
    std::copy(r, r + rows_ * cols_, z);
    const int64_t last = (rows_ - 1) * cols_;
    SolveChains(rows_, cols_, -cols_, col_inv_d_.data() + last, col_a_.data() + last, z + last);
    return;
  }
  Multiply(cols_, col_inv_d_.data(), r, z);
}

void NodalReadSolver::Pcg(const double* rhs, ReadSolveStats& stats) {
  const int64_t n = ColUnknowns();
  double* x = x_.data();
  double* r = r_.data();
  double* z = z_.data();
  double* p = p_.data();
  double* s = s_.data();
  std::fill(x, x + n, 0.0);
  const double b_norm = std::sqrt(FixedOrderDot(n, rhs, rhs));
  if (b_norm == 0.0) return;  // nothing driven (or no cell conducts): W = 0
  std::copy(rhs, rhs + n, r);
  Precondition(r, z);
  std::copy(z, z + n, p);
  double rz = FixedOrderDot(n, r, z);
  for (int it = 1; it <= kMaxIterations; ++it) {
    ApplySchur(p, s);
    const double alpha = rz / FixedOrderDot(n, p, s);
    Axpy(n, alpha, p, x);
    Axpy(n, -alpha, s, r);
    const double r_norm = std::sqrt(FixedOrderDot(n, r, r));
    if (r_norm <= kTolerance * b_norm) {
      stats.iterations = it;
      stats.relative_residual = r_norm / b_norm;
      return;
    }
    Precondition(r, z);
    const double rz_next = FixedOrderDot(n, r, z);
    Xpby(n, z, rz_next / rz, p);
    rz = rz_next;
  }
  CIM_CHECK(false && "nodal read solver: PCG did not converge");
}

ReadSolveStats NodalReadSolver::Solve(std::span<const uint8_t> driven, int64_t out_cols,
                                      double* current_ua) {
  CIM_CHECK(static_cast<int64_t>(driven.size()) == rows_ && out_cols <= cols_);
  ReadSolveStats stats;
  FactorRows();
  double* gu = grid2_.data();
  DriveCellCurrents(driven, gu);
  if (col_ == Chain::kFixed) {  // columns at 0 V: the sense gets every cell current
    SumChains(rows_, cols_, cols_, gu, grid_.data());
    std::copy(grid_.begin(), grid_.begin() + out_cols, current_ua);
    return stats;
  }
  FactorCols();
  if (col_ == Chain::kWired) {
    std::copy(gu, gu + rows_ * cols_, rhs_.data());
  } else {
    SumChains(rows_, cols_, cols_, gu, rhs_.data());
  }
  Pcg(rhs_.data(), stats);
  const double* w = x_.data() + (col_ == Chain::kWired ? (rows_ - 1) * cols_ : 0);
  for (int64_t c = 0; c < out_cols; ++c) current_ua[c] = g_sense_ * w[c];
  return stats;
}

}  // namespace cim::sim
