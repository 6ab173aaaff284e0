// The full IR-drop model: hand-solved circuits, a node-by-node sparse LU
// solution of the same network, and the column ladder as its special case.

#include "sim/ir_drop_nodal.h"

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "sim/ir_drop_ladder.h"

namespace cim::sim {
namespace {

// Column currents of one drive by plain nodal analysis: a node per row-wire
// and column-wire junction, every resistor stamped, SparseLU. All resistances
// must be > 0 (this oracle has no special cases).
std::vector<double> SparseNodalCurrents(const std::vector<float>& cell_ua, int64_t rows,
                                        int64_t cols, const WireResistances& w, double v,
                                        const std::vector<uint8_t>& driven) {
  auto u = [&](int64_t r, int64_t c) { return r * cols + c; };
  auto wn = [&](int64_t r, int64_t c) { return rows * cols + r * cols + c; };
  const int64_t n = 2 * rows * cols;
  std::vector<Eigen::Triplet<double>> t;
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  auto stamp = [&](int64_t a, int64_t bn, double g) {
    t.emplace_back(a, a, g);
    t.emplace_back(bn, bn, g);
    t.emplace_back(a, bn, -g);
    t.emplace_back(bn, a, -g);
  };
  const double g_d0 = 1e6 / (w.driver_ohm + w.row_ohm), g_row = 1e6 / w.row_ohm;
  const double g_col = 1e6 / w.col_ohm, g_out = 1e6 / (w.col_ohm + w.sense_ohm);
  for (int64_t r = 0; r < rows; ++r) {
    t.emplace_back(u(r, 0), u(r, 0), g_d0);
    if (driven[r]) b[u(r, 0)] += g_d0 * v;
    for (int64_t c = 0; c < cols; ++c) {
      stamp(u(r, c), wn(r, c), cell_ua[r * cols + c] / v);  // µS
      if (c + 1 < cols) stamp(u(r, c), u(r, c + 1), g_row);
      if (r + 1 < rows) stamp(wn(r, c), wn(r + 1, c), g_col);
    }
  }
  for (int64_t c = 0; c < cols; ++c) t.emplace_back(wn(rows - 1, c), wn(rows - 1, c), g_out);
  Eigen::SparseMatrix<double> a(n, n);
  a.setFromTriplets(t.begin(), t.end());
  Eigen::SparseLU<Eigen::SparseMatrix<double>> lu(a);
  const Eigen::VectorXd x = lu.solve(b);
  std::vector<double> i(cols);
  for (int64_t c = 0; c < cols; ++c) i[c] = g_out * x[wn(rows - 1, c)];  // µS·V = µA
  return i;
}

std::vector<double> DriveSum(const RowMajorMatrixD& t, const std::vector<uint8_t>& driven) {
  std::vector<double> i(t.cols(), 0.0);
  for (int64_t r = 0; r < t.rows(); ++r)
    if (driven[r])
      for (int64_t c = 0; c < t.cols(); ++c) i[c] += t(r, c);
  return i;
}

TEST_CASE("nodal: a hand-solved 1x2 crossbar with all four resistances") {
  // v = 1 V, so a cell of 1000 uA is 1 kOhm. Driver + first segment 2 kOhm to
  // node U0; U0 -1k- U1; U0 -cell 1k- W0 -(500 + 500)- ground; U1 -cell 2k-
  // W1 -1k- ground. U0 sees 2k || (1k + 3k) = 4/3 kOhm, so 0.3 mA flows in,
  // U0 = 0.4 V: 200 uA reach sense 0 and 100 uA sense 1.
  const std::vector<float> cells = {1000.0f, 500.0f};
  const WireResistances w{1000.0, 500.0, 1000.0, 500.0};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), 1, 2, w, 1.0, 1);
  CHECK(t(0, 0) == Approx(200.0).epsilon(1e-12));
  CHECK(t(0, 1) == Approx(100.0).epsilon(1e-12));
}

TEST_CASE("nodal: a hand-solved 2x1 crossbar where the undriven row is held at 0 V") {
  // Ideal rows and sense; 1 kOhm cells and column segments. Row 0 alone:
  // 1k + 1k + (1k || 1k) = 2.5 kOhm, 0.4 mA, half of it reaches the sense.
  // Row 1 alone: W1 sees 1k to sense || 2k through row 0's cell: W1 = 0.4 V.
  const std::vector<float> cells = {1000.0f, 1000.0f};
  const WireResistances w{0.0, 1000.0, 0.0, 0.0};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), 2, 1, w, -1.0, 2);
  CHECK(t(0, 0) == Approx(200.0).epsilon(1e-12));
  CHECK(t(1, 0) == Approx(400.0).epsilon(1e-12));
}

TEST_CASE("nodal: the Schur sweep equals node-by-node sparse LU") {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> cell(0.5, 30.0);
  const int64_t rows = 9, cols = 7;
  std::vector<float> cells(rows * cols);
  for (float& x : cells) x = static_cast<float>(cell(rng));
  for (const WireResistances& w :
       {WireResistances{2.0, 3.0, 50.0, 20.0}, WireResistances{500.0, 100.0, 1.0, 1000.0}}) {
    const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), rows, cols, w, -0.2, rows);
    // Rows that can never be driven need no column of K; the rest is the same.
    const RowMajorMatrixD top = NodalTransferMatrix(cells.data(), rows, cols, w, -0.2, 4);
    REQUIRE(top.rows() == 4);
    CHECK((top - t.topRows(4)).cwiseAbs().maxCoeff() <= 1e-12 * t.cwiseAbs().maxCoeff());
    std::bernoulli_distribution drive(0.5);
    for (int trial = 0; trial < 4; ++trial) {
      std::vector<uint8_t> driven(rows);
      for (uint8_t& d : driven) d = drive(rng);
      const std::vector<double> want = SparseNodalCurrents(cells, rows, cols, w, 0.2, driven);
      const std::vector<double> got = DriveSum(t, driven);
      for (int64_t c = 0; c < cols; ++c)
        CHECK(got[c] == Approx(want[c]).epsilon(1e-9).margin(1e-12));
    }
  }
}

TEST_CASE("nodal: zero resistances are the limits of small ones") {
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> cell(0.5, 30.0);
  const int64_t rows = 6, cols = 5;
  std::vector<float> cells(rows * cols);
  for (float& x : cells) x = static_cast<float>(cell(rng));
  const std::vector<uint8_t> driven = {1, 0, 1, 1, 0, 1};
  const double tiny = 1e-7;
  // Each case sets some resistances to 0 (lumped row wire, held row, merged
  // column, grounded column) and compares with the oracle at 1e-7 Ohm.
  for (const WireResistances& w :
       {WireResistances{0.0, 3.0, 50.0, 20.0}, WireResistances{0.0, 3.0, 0.0, 20.0},
        WireResistances{4.0, 0.0, 50.0, 20.0}, WireResistances{4.0, 0.0, 50.0, 0.0},
        WireResistances{4.0, 3.0, 0.0, 0.0}}) {
    WireResistances o = w;
    for (double* r : {&o.row_ohm, &o.col_ohm, &o.driver_ohm, &o.sense_ohm})
      if (*r == 0.0) *r = tiny;
    const std::vector<double> want = SparseNodalCurrents(cells, rows, cols, o, 0.2, driven);
    const std::vector<double> got =
        DriveSum(NodalTransferMatrix(cells.data(), rows, cols, w, 0.2, rows), driven);
    for (int64_t c = 0; c < cols; ++c) CHECK(got[c] == Approx(want[c]).epsilon(1e-6));
  }
}

TEST_CASE("nodal: with ideal rows, driver and sense it is the column ladder") {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> cell(0.5, 30.0);
  const int64_t rows = 128, cols = 6;
  std::vector<float> cells(rows * cols);
  for (float& x : cells) x = static_cast<float>(cell(rng));
  const WireResistances w{0.0, 1.5, 0.0, 0.0};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), rows, cols, w, -0.2, rows);
  // Every row driven: no undriven row is held at 0 V, so the networks agree.
  const std::vector<uint8_t> all(rows, 1);
  const std::vector<double> got = DriveSum(t, all);
  for (int64_t c = 0; c < cols; ++c) {
    std::vector<double> column(rows);
    for (int64_t r = 0; r < rows; ++r) column[r] = cells[r * cols + c];
    CHECK(got[c] == Approx(LadderColumnCurrent(column, all, 1.5, -0.2)).epsilon(1e-10));
  }
}

TEST_CASE("nodal: the §5 reference losses hold in the full model too") {
  // One column, all rows LRS 4 uA and driven, v_read = -0.2 V, 1 Ohm: -28.85 % at 256.
  const std::vector<float> cells(256, 4.0f);
  const RowMajorMatrixD t =
      NodalTransferMatrix(cells.data(), 256, 1, {0.0, 1.0, 0.0, 0.0}, -0.2, 256);
  CHECK((t.sum() / (256 * 4.0) - 1.0) * 100.0 == Approx(-28.85).margin(0.005));
}

TEST_CASE("nodal: no wire resistance gives the ideal sums") {
  const std::vector<float> cells = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), 2, 3, {}, -0.2, 2);
  for (int64_t i = 0; i < 6; ++i) CHECK(t(i / 3, i % 3) == Approx(cells[i]).epsilon(1e-15));
}

}  // namespace
}  // namespace cim::sim
