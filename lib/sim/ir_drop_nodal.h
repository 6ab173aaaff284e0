#pragma once
// Full IR-drop model (crossbar-model.md §5 "Ours"): nodal analysis of the
// whole crossbar with row (wordline) and column (bitline) wire resistance,
// driver and sense resistances, solved exactly.
//
// The network (our definition, docs/config.md "ir_drop"):
// - Row r: its driver (v_r, output resistance r_driver) feeds the row wire at
//   the column-0 end; one segment r_row lies between the driver and column 0
//   and between columns c and c+1; the wire ends open after column cols−1.
// - Column c: open at row 0 (the far end, as in the column ladder); one
//   segment r_col between rows r and r+1 and between row rows−1 and the sense
//   node, which holds the column at 0 V through r_sense. The sense current is
//   what the ADC converts.
// - Cell (r, c) joins row node (r, c) and column node (r, c) with conductance
//   I_cell/|v_read|.
// - A driven row has v_r = |v_read|. An undriven row is held at 0 V through
//   its driver (it does not float), so the network's matrix does not depend
//   on the input: column currents are linear in the drive, and one solve per
//   row gives them for every input.
//
// Solution: the rows are eliminated one at a time from the far end, keeping
// the Norton equivalent (admittance Y, C x C, and short-circuit gains K,
// C x rows) of the part already reduced as seen from the next row's column
// nodes: a dense Schur-complement sweep with a Cholesky factorisation per row
// (direct, exact up to rounding). Cost O(rows·cols²·(rows + cols)): ~14
// GFLOP for 256 x 256, once per tile at programming time; an MVM is then a
// sum of the driven rows of T.

#include <Eigen/Core>
#include <cstdint>

namespace cim::sim {

/// Wire and periphery resistances of the full model, Ω. 0 = ideal.
struct WireResistances {
  double row_ohm = 0.0;
  double col_ohm = 0.0;
  double driver_ohm = 0.0;
  double sense_ohm = 0.0;
};

/// A resistance as a conductance in this model's units, µA per |v_read|
/// (voltages relative to |v_read| = v_abs): 1e6·v_abs/ohm, infinite for 0 Ω.
double WireConductance(double ohm, double v_abs);

using RowMajorMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The transfer matrix T (drivable_rows x cols): T(r, c) = current in µA that
/// column c delivers to its sense node when row r alone is driven at
/// |v_read| (all other rows at 0 V). Any drive's column currents are the sums
/// of its driven rows of T. `cell_ua` (rows x cols, row-major) holds each
/// cell's read current at |v_read| with ideal wires (nominal + D2D, faults,
/// drift). Only rows [0, drivable_rows) can be driven (a tile's used rows);
/// the others still load the columns.
RowMajorMatrixD NodalTransferMatrix(const float* cell_ua, int64_t rows, int64_t cols,
                                    const WireResistances& wires, double v_read_v,
                                    int64_t drivable_rows);

}  // namespace cim::sim
