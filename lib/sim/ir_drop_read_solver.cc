#include "sim/ir_drop_read_solver.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>

#include "cim/support/check.h"
#include "sim/ir_drop_chain_kernels.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

constexpr int64_t kBlock = NodalReadSolver::kRowBlock;
// Columns per strip of the column-chain solve: its two sweeps stay in cache.
constexpr int64_t kStrip = 32;

CIM_VECTOR_CLONES void Multiply(int64_t n, const double* a, const double* b, double* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = a[i] * b[i];
}

CIM_VECTOR_CLONES void Axpy(int64_t n, double alpha, const double* x, double* y) {
  for (int64_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

// p ← z + beta·p
CIM_VECTOR_CLONES void Xpby(int64_t n, const double* z, double beta, double* p) {
  for (int64_t i = 0; i < n; ++i) p[i] = z[i] + beta * p[i];
}

// 8 x 8 transposes in vector registers (pure data movement: every ISA
// clone gives the same bits). GCC vector extensions, passed by reference so
// that no vector crosses a function boundary.
using V8 = double __attribute__((vector_size(64)));
using F8 = float __attribute__((vector_size(32)));
using M8 = int64_t __attribute__((vector_size(64)));

[[gnu::always_inline]] inline void Load8(const double* p, V8& v) { std::memcpy(&v, p, sizeof v); }
[[gnu::always_inline]] inline void Store8(double* p, const V8& v) { std::memcpy(p, &v, sizeof v); }
[[gnu::always_inline]] inline void LoadWide8(const float* p, V8& v) {
  F8 f;
  std::memcpy(&f, p, sizeof f);
  v = __builtin_convertvector(f, V8);
}

// a[k][j] ← a[j][k]: pairs, then quads, then halves swap across rows.
[[gnu::always_inline]] inline void Transpose8(V8 (&a)[8]) {
  V8 t[8], u[8];
  for (int k = 0; k < 8; k += 2) {
    t[k] = __builtin_shuffle(a[k], a[k + 1], M8{0, 8, 2, 10, 4, 12, 6, 14});
    t[k + 1] = __builtin_shuffle(a[k], a[k + 1], M8{1, 9, 3, 11, 5, 13, 7, 15});
  }
  for (int k : {0, 1, 4, 5}) {
    u[k] = __builtin_shuffle(t[k], t[k + 2], M8{0, 1, 8, 9, 4, 5, 12, 13});
    u[k + 2] = __builtin_shuffle(t[k], t[k + 2], M8{2, 3, 10, 11, 6, 7, 14, 15});
  }
  for (int k = 0; k < 4; ++k) {
    a[k] = __builtin_shuffle(u[k], u[k + 4], M8{0, 1, 2, 3, 8, 9, 10, 11});
    a[k + 4] = __builtin_shuffle(u[k], u[k + 4], M8{4, 5, 6, 7, 12, 13, 14, 15});
  }
}

// block[c·kBlock + i] = g(i, c)·p(i, c) for the block's nb rows (g and p
// row-major with row strides cols and p_stride; p_stride 0: one row for
// all), 0 in the padding lanes.
CIM_VECTOR_CLONES void GatherBlock(int64_t cols, int64_t nb, const float* g, const double* p,
                                   int64_t p_stride, double* block) {
  const int64_t cols8 = cols - cols % 8;
  for (int64_t c0 = 0; c0 < cols8; c0 += 8) {
    for (int64_t i0 = 0; i0 < kBlock; i0 += 8) {
      V8 a[8];
      for (int64_t k = 0; k < 8; ++k) {
        const int64_t i = i0 + k;
        if (i >= nb) {
          a[k] = V8{};
          continue;
        }
        V8 gv, pv;
        LoadWide8(g + i * cols + c0, gv);
        Load8(p + i * p_stride + c0, pv);
        a[k] = gv * pv;
      }
      Transpose8(a);
      for (int64_t k = 0; k < 8; ++k) Store8(block + (c0 + k) * kBlock + i0, a[k]);
    }
  }
  for (int64_t c = cols8; c < cols; ++c)
    for (int64_t i = 0; i < kBlock; ++i)
      block[c * kBlock + i] =
          i < nb ? static_cast<double>(g[i * cols + c]) * p[i * p_stride + c] : 0.0;
}

// rows[i·cols + c] = block[c·kBlock + i] for the first nb lanes.
CIM_VECTOR_CLONES void ScatterBlock(int64_t cols, int64_t nb, const double* block, double* rows) {
  const int64_t cols8 = cols - cols % 8;
  for (int64_t c0 = 0; c0 < cols8; c0 += 8) {
    for (int64_t i0 = 0; i0 < nb; i0 += 8) {
      V8 a[8];
      for (int64_t k = 0; k < 8; ++k) Load8(block + (c0 + k) * kBlock + i0, a[k]);
      Transpose8(a);
      for (int64_t j = 0; j < 8 && i0 + j < nb; ++j) Store8(rows + (i0 + j) * cols + c0, a[j]);
    }
  }
  for (int64_t i = 0; i < nb; ++i)
    for (int64_t c = cols8; c < cols; ++c) rows[i * cols + c] = block[c * kBlock + i];
}

// Rows r0 .. r0+nb of S·p for wired rows and columns, straight from the row
// nodes' voltages U of the block (block[c·kBlock + i]): ScatterBlock and
// ColumnNodesOfRow below in one, an 8 x 8 tile at a time. g holds row r0,
// p and out the whole crossbar; g_col joins rows, g_sense the last row to
// 0 V; zeros: cols zeros.
CIM_VECTOR_CLONES void ColumnNodesOfBlock(int64_t rows, int64_t cols, int64_t r0, int64_t nb,
                                          const float* g, const double* p, double g_col,
                                          double g_sense, const double* zeros, const double* block,
                                          double* out) {
  const int64_t cols8 = cols - cols % 8;
  for (int64_t c0 = 0; c0 < cols8; c0 += 8) {
    for (int64_t i0 = 0; i0 < nb; i0 += 8) {
      V8 u[8];
      for (int64_t k = 0; k < 8; ++k) Load8(block + (c0 + k) * kBlock + i0, u[k]);
      Transpose8(u);
      for (int64_t j = 0; j < 8 && i0 + j < nb; ++j) {
        const int64_t r = r0 + i0 + j;
        const double* pr = p + r * cols + c0;
        const bool last = r + 1 == rows;
        V8 gv, pv, below, above;
        LoadWide8(g + (i0 + j) * cols + c0, gv);
        Load8(pr, pv);
        Load8(last ? zeros + c0 : pr + cols, below);
        Load8(r > 0 ? pr - cols : zeros + c0, above);
        V8 v = gv * pv;
        v += (last ? g_sense : g_col) * (pv - below);
        v += (r > 0 ? g_col : 0.0) * (pv - above);
        Store8(out + r * cols + c0, v - gv * u[j]);
      }
    }
  }
  for (int64_t i = 0; i < nb; ++i) {
    const int64_t r = r0 + i;
    const double* pr = p + r * cols;
    const bool last = r + 1 == rows;
    for (int64_t c = cols8; c < cols; ++c) {
      const double gc = g[i * cols + c];
      double v = gc * pr[c];
      v += (last ? g_sense : g_col) * (pr[c] - (last ? 0.0 : pr[c + cols]));
      v += (r > 0 ? g_col : 0.0) * (pr[c] - (r > 0 ? pr[c - cols] : 0.0));
      out[r * cols + c] = v - gc * block[c * kBlock + i];
    }
  }
}

// The cells of a block of nb rows, by column (0 in the padding lanes).
void CellsOfBlock(int64_t cols, int64_t nb, const float* g, float* block) {
  for (int64_t i = 0; i < kBlock; ++i)
    for (int64_t c = 0; c < cols; ++c) block[c * kBlock + i] = i < nb ? g[i * cols + c] : 0.0f;
}

// out = g∘u: cell currents of cells g at voltages u (column side at 0 V).
CIM_VECTOR_CLONES void CellCurrents(int64_t n, const float* g, const double* u, double* out) {
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<double>(g[i]) * u[i];
}

// One row r of S·p for wired columns: the cells' own conductance, the wire
// segments towards the sense (g_below to `below`, the next row or 0 V) and
// towards the open end (g_above to `above`), minus what the cells lose to
// the row nodes at voltages u.
CIM_VECTOR_CLONES void ColumnNodesOfRow(int64_t cols, const float* g, const double* p,
                                        double g_below, const double* below, double g_above,
                                        const double* above, const double* u, double* out) {
  for (int64_t c = 0; c < cols; ++c) {
    const double gc = g[c];
    double v = gc * p[c];
    v += g_below * (p[c] - below[c]);
    v += g_above * (p[c] - above[c]);
    out[c] = v - gc * u[c];
  }
}

// One row of S·p for lumped columns (one node per column at p_c): adds the
// row's cell currents g·(p − u) to acc.
CIM_VECTOR_CLONES void AddCellCurrents(int64_t cols, const float* g, const double* p,
                                       const double* u, double* acc) {
  for (int64_t c = 0; c < cols; ++c) {
    const double gc = g[c];
    acc[c] += gc * p[c] - gc * u[c];
  }
}

}  // namespace

void NodalReadSolver::Reset(const WireResistances& wires, double v_read_v, int64_t rows,
                            int64_t cols) {
  CIM_CHECK(rows > 0 && cols > 0);
  const double v = std::fabs(v_read_v);
  rows_ = rows;
  cols_ = cols;
  blocks_ = (rows + kBlock - 1) / kBlock;
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
  const auto block_grid = static_cast<size_t>(blocks_ * kBlock * cols);
  g_.resize(grid);
  grid_.resize(grid);
  row_g_.resize(row_ == Chain::kFixed ? 0 : block_grid);
  row_inv_d_.resize(row_ == Chain::kWired ? block_grid : static_cast<size_t>(blocks_ * kBlock));
  col_inv_d_.resize(col_ == Chain::kWired ? grid : static_cast<size_t>(cols));
  block_.resize(static_cast<size_t>(kBlock * cols));
  block_rows_.resize(static_cast<size_t>(kBlock * cols));
  zeros_.assign(static_cast<size_t>(cols), 0.0);
  lane_.resize(static_cast<size_t>(kBlock));
  const auto n = static_cast<size_t>(ColUnknowns());
  for (std::vector<double>* vec : {&x_, &r_, &z_, &p_, &s_, &rhs_}) vec->resize(n);
}

int64_t NodalReadSolver::ColUnknowns() const {
  switch (col_) {
    case Chain::kWired:
      return rows_ * cols_;
    case Chain::kLumped:
      return cols_;
    case Chain::kFixed:
      return 0;
  }
  return 0;
}

void NodalReadSolver::FactorRows() {
  if (row_ == Chain::kFixed) return;
  const int64_t bs = kBlock * cols_;
  for (int64_t b = 0; b < blocks_; ++b) {
    const int64_t r0 = b * kBlock;
    float* gb = row_g_.data() + b * bs;
    CellsOfBlock(cols_, std::min(kBlock, rows_ - r0), g_.data() + r0 * cols_, gb);
    if (row_ == Chain::kWired) {
      FactorChains(cols_, kBlock, kBlock, gb, g_row_, g_drive_, row_inv_d_.data() + b * bs);
    } else {
      double* inv = row_inv_d_.data() + b * kBlock;
      SumChains(cols_, kBlock, kBlock, gb, inv);
      for (int64_t i = 0; i < kBlock; ++i) inv[i] = 1.0 / (g_drive_ + inv[i]);
    }
  }
}

void NodalReadSolver::FactorCols() {
  if (col_ == Chain::kWired) {
    // Sense end first: node s of a column is row rows−1−s.
    const int64_t last = (rows_ - 1) * cols_;
    FactorChains(rows_, cols_, -cols_, g_.data() + last, g_col_, g_sense_,
                 col_inv_d_.data() + last);
  } else if (col_ == Chain::kLumped) {
    SumChains(rows_, cols_, cols_, g_.data(), col_inv_d_.data());
    for (double& d : col_inv_d_) d = 1.0 / (g_sense_ + d);
  }
}

// block_ (cols x kBlock): currents injected into the row nodes of row block
// b → the row nodes' voltages (Lr + G)⁻¹·injection, written to block_rows_
// as nb rows of cols.
void NodalReadSolver::RowResponse(int64_t b, int64_t nb) {
  double* y = block_.data();
  if (row_ == Chain::kWired) {
    SolveRowBlock(b);
    ScatterBlock(cols_, nb, y, block_rows_.data());
    return;
  }
  // One node per row: U_r = Σ_c y(r, c)/(g_drive + Σ_c g(r, c)).
  double* u = lane_.data();
  SumChains(cols_, kBlock, kBlock, y, u);
  Multiply(kBlock, row_inv_d_.data() + b * kBlock, u, u);
  for (int64_t i = 0; i < nb; ++i) std::fill_n(block_rows_.data() + i * cols_, cols_, u[i]);
}

// block_ (cols x kBlock) ← (Lr + G)⁻¹·block_ for the wired rows of block b.
void NodalReadSolver::SolveRowBlock(int64_t b) {
  SolveChains(cols_, kBlock, kBlock, row_inv_d_.data() + b * kBlock * cols_, g_row_, block_.data(),
              block_.data());
}

// gu = G∘U0, row-major: the cell currents of the drive with every column at 0 V.
void NodalReadSolver::DriveCellCurrents(std::span<const uint8_t> driven, double* gu) {
  for (int64_t b = 0; b < blocks_; ++b) {
    const int64_t r0 = b * kBlock, nb = std::min(kBlock, rows_ - r0);
    const float* g = g_.data() + r0 * cols_;
    double* out = gu + r0 * cols_;
    if (row_ == Chain::kFixed) {
      for (int64_t i = 0; i < nb; ++i) {
        const double v = driven[r0 + i] != 0 ? 1.0 : 0.0;
        for (int64_t c = 0; c < cols_; ++c) out[i * cols_ + c] = g[i * cols_ + c] * v;
      }
      continue;
    }
    // The driver injects g_drive·v_r into the row's first node (column 0).
    std::fill(block_.begin(), block_.end(), 0.0);
    for (int64_t i = 0; i < nb; ++i) block_[i] = driven[r0 + i] != 0 ? g_drive_ : 0.0;
    RowResponse(b, nb);
    CellCurrents(nb * cols_, g, block_rows_.data(), out);
  }
}

// out = S·p for the column unknowns p: the column chains' own matrix minus
// what the cells lose to the rows, G·(Lr + G)⁻¹·G·p. One pass over the
// crossbar in blocks of rows, each block's row chains solved in cache.
// Returns p·out (FixedOrderDot's order).
double NodalReadSolver::ApplySchur(const double* p, double* out) {
  const bool wired = col_ == Chain::kWired;
  if (!wired) std::fill(out, out + cols_, 0.0);
  double lanes[kDotLanes] = {};
  for (int64_t b = 0; b < blocks_; ++b) {
    const int64_t r0 = b * kBlock, nb = std::min(kBlock, rows_ - r0);
    const float* g = g_.data() + r0 * cols_;
    const double* pb = wired ? p + r0 * cols_ : p;
    if (wired && row_ == Chain::kWired) {  // the common case, fused
      GatherBlock(cols_, nb, g, pb, cols_, block_.data());
      SolveRowBlock(b);
      ColumnNodesOfBlock(rows_, cols_, r0, nb, g, p, g_col_, g_sense_, zeros_.data(), block_.data(),
                         out);
      DotLanes(nb * cols_, pb, out + r0 * cols_, lanes);  // rows of this block, still in cache
      continue;
    }
    const double* u = zeros_.data();
    int64_t u_stride = 0;
    if (row_ != Chain::kFixed) {  // held rows do not respond to the columns
      GatherBlock(cols_, nb, g, pb, wired ? cols_ : 0, block_.data());
      RowResponse(b, nb);
      u = block_rows_.data();
      u_stride = cols_;
    }
    for (int64_t i = 0; i < nb; ++i) {
      const int64_t r = r0 + i;
      const float* gi = g + i * cols_;
      const double* ui = u + i * u_stride;
      if (!wired) {
        AddCellCurrents(cols_, gi, p, ui, out);
        continue;
      }
      const double* pr = p + r * cols_;
      const bool last = r + 1 == rows_;
      ColumnNodesOfRow(cols_, gi, pr, last ? g_sense_ : g_col_, last ? zeros_.data() : pr + cols_,
                       r > 0 ? g_col_ : 0.0, r > 0 ? pr - cols_ : zeros_.data(), ui,
                       out + r * cols_);
    }
    if (wired) DotLanes(nb * cols_, pb, out + r0 * cols_, lanes);
  }
  if (wired) return SumLanes(lanes);
  Axpy(cols_, g_sense_, p, out);
  return FixedOrderDot(cols_, p, out);
}

void NodalReadSolver::Precondition(const double* r, double* z) {
  if (col_ != Chain::kWired) {
    Multiply(cols_, col_inv_d_.data(), r, z);
    return;
  }
  const int64_t last = (rows_ - 1) * cols_;
  for (int64_t c0 = 0; c0 < cols_; c0 += kStrip) {
    SolveChains(rows_, std::min(kStrip, cols_ - c0), -cols_, col_inv_d_.data() + last + c0, g_col_,
                r + last + c0, z + last + c0);
  }
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
  const int64_t max_iterations = 2 * n + kExtraIterations;
  for (int64_t it = 1; it <= max_iterations; ++it) {
    const double alpha = rz / ApplySchur(p, s);
    const double r_norm = std::sqrt(StepAndNorm(n, alpha, p, s, x, r));
    if (r_norm <= kTolerance * b_norm) {
      stats.iterations = static_cast<int>(it);
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
  double* gu = grid_.data();
  DriveCellCurrents(driven, gu);
  if (col_ == Chain::kFixed) {  // columns at 0 V: the sense gets every cell current
    SumChains(rows_, out_cols, cols_, gu, current_ua);
    return stats;
  }
  FactorCols();
  const double* rhs = gu;
  if (col_ == Chain::kLumped) {
    SumChains(rows_, cols_, cols_, gu, rhs_.data());
    rhs = rhs_.data();
  }
  Pcg(rhs, stats);
  const double* w = x_.data() + (col_ == Chain::kWired ? (rows_ - 1) * cols_ : 0);
  for (int64_t c = 0; c < out_cols; ++c) current_ua[c] = g_sense_ * w[c];
  return stats;
}

}  // namespace cim::sim
