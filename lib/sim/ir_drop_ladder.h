#pragma once
// Column (bitline) IR drop, the reference tool's model (crossbar-model.md §5):
// only the column wires have resistance, one segment of r_col per physical
// row; rows and drivers are ideal, so every driven cell sits at |v_read| and
// undriven rows float (contribute nothing). Each column then reduces exactly
// to a ladder, visited from the far end to the sense node.
//
// Our layout: physical row 0 is the far end; the sense node lies one segment
// beyond row rows−1. Segment r joins row r to row r+1 (segment rows−1 joins
// the last row to the sense node), so a column has `rows` segments whatever
// the tile uses.

#include <cstdint>
#include <span>
#include <vector>

namespace cim::sim {

/// The §5 recurrence literally, for one column: G ← G + a_r·G_cell,r;
/// G ← G·G_w/(G + G_w) for r = 0 .. rows−1; returns I = G·|v_read| in µA.
/// cell_ua[r] = read current of row r's cell at |v_read|; driven[r] = a_r.
/// A reference for tests; the kernel uses ColumnLadders.
double LadderColumnCurrent(std::span<const double> cell_ua, std::span<const uint8_t> driven,
                           double r_col_ohm, double v_read_v);

/// The ladders of many columns at once, vectorised over columns, visiting
/// only the driven rows. With G = num/den, adding a cell is
/// num += g·den and s segments in series are den += s·r·num (no division:
/// G·G_w/(G + G_w) = num/(den + num/G_w)). Working in read currents (g in
/// µA at |v_read|, r in 1/µA) needs no conversion of the cells.
class ColumnLadders {
 public:
  /// Starts `cols` empty ladders of `rows` physical rows with a wire segment
  /// of r_col_ohm, read at v_read_v. Keeps its buffers across calls.
  void Reset(double r_col_ohm, double v_read_v, int64_t rows, int64_t cols);
  /// Adds the driven cells of physical row `row` (read currents in µA, one
  /// per column). Rows must come in increasing order.
  void AddRow(int64_t row, const float* cell_ua);
  /// Adds the remaining segments up to the sense node; current_ua[c] = the
  /// current column c delivers to its sense node.
  void Finish(double* current_ua);

 private:
  double seg_per_ua_ = 0.0;  // one segment's resistance over |v_read|, 1/µA
  int64_t rows_ = 0;
  int64_t cols_ = 0;
  int64_t prev_row_ = -1;
  int since_rescale_ = 0;
  std::vector<double> num_, den_;
};

}  // namespace cim::sim
