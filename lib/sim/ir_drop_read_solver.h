#pragma once
// The full IR-drop model for one read (crossbar-model.md §5 "Ours"): the
// nodal network of ir_drop_nodal.h, solved for the conductances of this read
// only, so that effects that change cells with every read (C2C read noise,
// read disturb) act on what the solver sees. The transfer matrix of
// ir_drop_nodal.h stays the fast path for reads whose cells are as
// programmed.
//
// Network and units as in ir_drop_nodal.h: voltages relative to |v_read|,
// conductances in µA per |v_read| (a cell's is its read current), currents in
// µA. Unknowns are the row-node voltages U and column-node voltages W, with
//   [Lr + G    −G   ] [U]   [b]
//   [  −G    Lc + G ] [W] = [0],
// G = diag(cells), Lr/Lc the row/column wire chains (driver at column 0,
// sense at the last row), b the drives. Zero resistances are exact, not
// small: r_row = 0 merges a row into one node behind r_driver, and with
// r_driver = 0 too the row is a fixed voltage; r_col = 0 merges a column into
// one node in front of r_sense, and with r_sense = 0 too the column is held
// at 0 V (its sense current is the sum of its cell currents).
//
// Method: each row chain is eliminated exactly (a tridiagonal solve, U =
// (Lr + G)⁻¹(b + G·W)), leaving the Schur complement
//   S = Lc + G − G·(Lr + G)⁻¹·G   (SPD)   acting on W, S·W = G·(Lr + G)⁻¹·b,
// which preconditioned conjugate gradients solve with the column chains
// (Lc + G) as block-Jacobi preconditioner, starting from W = 0 (columns at
// 0 V, rows at their response to the drive). This is block-Jacobi PCG on the
// full system with the row blocks applied exactly. Measured against plain
// block-Jacobi PCG on [U; W] (row and column chains as blocks, rows starting
// at their drive) to the same tolerance on 64–256-square tiles: 4–13
// iterations instead of 6–23 (256 x 256, 1 Ω wires, 100 Ω driver and sense:
// 9 instead of 17), for the same work per iteration.
//
// Stopping rule: ‖r‖₂ ≤ kTolerance·‖rhs‖₂ for the recurrence residual r of
// S·W = rhs; the sense currents then agree with the direct solution to
// better than 1e-8 of the largest in every regime tested
// (ir_drop_read_solver_test.cc). Iterations grow with the wires' resistance
// relative to the cells': 5–14 for segments up to 5 Ω on 256 x 256, 46 at
// 100 Ω, ~2,000 at the configurable maximum of 1 MΩ (a mesh of cells joined
// by negligible wires, which a per-line preconditioner handles poorly). In
// exact arithmetic CG ends within as many iterations as unknowns; after
// twice that (plus kExtraIterations) a check fails loudly: a bug, never a
// config.
//
// Cost: per iteration one solve of every row chain and of every column
// chain plus a few passes over the crossbar, in cache-sized blocks (rows 32
// at a time, transposed with 8 x 8 register shuffles); ~200 µs for 256 x 256
// on our 2-core machine, memory-bound. Iterations and µs per regime:
// docs/config.md, bench/ir_drop_bench.cc.

#include <cstdint>
#include <span>
#include <vector>

#include "sim/ir_drop_nodal.h"

namespace cim::sim {

struct ReadSolveStats {
  int iterations = 0;
  double relative_residual = 0.0;  // ‖r‖₂/‖rhs‖₂ at the end
};

class NodalReadSolver {
 public:
  static constexpr double kTolerance = 1e-10;
  static constexpr int64_t kExtraIterations = 100;
  /// Rows whose chains are solved together, in cache (four AVX-512 vectors).
  static constexpr int64_t kRowBlock = 32;

  /// Sets the network: `rows` x `cols` cells, `wires`, read at v_read_v.
  /// Keeps its buffers across calls (no allocation per read once sized).
  void Reset(const WireResistances& wires, double v_read_v, int64_t rows, int64_t cols);

  /// The cell conductances of the next read (µA at |v_read|, ≥ 0), rows x
  /// cols row-major, for the caller to fill; kept between solves. Float, as
  /// cell currents are: the solver computes in double.
  std::span<float> cells() { return g_; }

  /// Solves the read in which row r is driven at |v_read| when driven[r] != 0
  /// (the other rows held at 0 V): current_ua[c] = the current column c
  /// delivers to its sense node, for c < out_cols.
  ReadSolveStats Solve(std::span<const uint8_t> driven, int64_t out_cols, double* current_ua);

 private:
  enum class Chain : uint8_t { kWired, kLumped, kFixed };

  int64_t ColUnknowns() const;
  void FactorRows();
  void FactorCols();
  void SolveRowBlock(int64_t block);
  void RowResponse(int64_t block, int64_t rows_in_block);
  void DriveCellCurrents(std::span<const uint8_t> driven, double* gu);
  double ApplySchur(const double* p, double* out);
  void Precondition(const double* r, double* z);
  void Pcg(const double* rhs, ReadSolveStats& stats);

  int64_t rows_ = 0, cols_ = 0, blocks_ = 0;
  Chain row_ = Chain::kFixed, col_ = Chain::kFixed;
  double g_row_ = 0.0, g_col_ = 0.0;  // wire segments
  double g_drive_ = 0.0;              // row driver (+ first segment when wired)
  double g_sense_ = 0.0;              // sense (+ last segment when wired)

  std::vector<float> g_;           // cells, row-major
  std::vector<float> row_g_;       // cells by row block: [block][col][row in block]
  std::vector<double> row_inv_d_;  // row chain pivots, same layout (lumped: 1/Σ per row)
  std::vector<double> col_inv_d_;  // column chain pivots, row-major (lumped: 1/Σ per column)
  std::vector<double> grid_;       // G∘U0, the drive's cell currents
  std::vector<double> block_, block_rows_;  // one row block, by column and by row
  std::vector<double> zeros_, lane_;
  std::vector<double> x_, r_, z_, p_, s_, rhs_;  // PCG on the column unknowns
};

}  // namespace cim::sim
