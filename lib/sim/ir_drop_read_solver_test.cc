// The per-read nodal solver against hand-solved circuits and against the
// direct transfer matrix (ir_drop_nodal.h), for every combination of zero and
// non-zero resistances, on small tiles and on a 256 x 256 tile with severe
// wires.

#include "sim/ir_drop_read_solver.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

namespace cim::sim {
namespace {

std::vector<double> DriveSum(const RowMajorMatrixD& t, const std::vector<uint8_t>& driven) {
  std::vector<double> i(t.cols(), 0.0);
  for (int64_t r = 0; r < t.rows(); ++r)
    if (driven[r])
      for (int64_t c = 0; c < t.cols(); ++c) i[c] += t(r, c);
  return i;
}

struct Solved {
  std::vector<double> current;
  ReadSolveStats stats;
};

Solved SolveRead(NodalReadSolver& solver, const std::vector<float>& cells, int64_t rows,
                 int64_t cols, const WireResistances& w, double v,
                 const std::vector<uint8_t>& driven) {
  solver.Reset(w, v, rows, cols);
  std::copy(cells.begin(), cells.end(), solver.cells().begin());
  Solved s;
  s.current.assign(static_cast<size_t>(cols), -1.0);
  s.stats = solver.Solve(driven, cols, s.current.data());
  return s;
}

// Random cells: LRS or HRS with spread, some open (0 µA).
std::vector<float> RandomCells(std::mt19937_64& rng, int64_t n) {
  std::uniform_real_distribution<double> spread(0.8, 1.2);
  std::uniform_int_distribution<int> kind(0, 9);
  std::vector<float> cells(static_cast<size_t>(n));
  for (float& x : cells) {
    const int k = kind(rng);
    x = k == 0 ? 0.0f : static_cast<float>((k < 5 ? 30.0 : 5.0) * spread(rng));
  }
  return cells;
}

std::vector<uint8_t> RandomDrive(std::mt19937_64& rng, int64_t rows) {
  std::bernoulli_distribution drive(0.6);
  std::vector<uint8_t> d(static_cast<size_t>(rows));
  for (uint8_t& x : d) x = drive(rng);
  return d;
}

// |got − want| within `rel` of the largest current.
void CheckClose(const std::vector<double>& got, const std::vector<double>& want, double rel) {
  REQUIRE(got.size() == want.size());
  double scale = 1e-12;
  for (double x : want) scale = std::max(scale, std::fabs(x));
  for (size_t c = 0; c < got.size(); ++c) {
    INFO("column " << c);
    CHECK(std::fabs(got[c] - want[c]) <= rel * scale);
  }
}

TEST_CASE("read solver: hand-solved circuits") {
  NodalReadSolver solver;
  // The 1x2 crossbar of ir_drop_nodal_test.cc at 1 V: 200 µA and 100 µA.
  Solved s = SolveRead(solver, {1000.0f, 500.0f}, 1, 2, {1000.0, 500.0, 1000.0, 500.0}, 1.0, {1});
  CHECK(s.current[0] == Approx(200.0).epsilon(1e-12));
  CHECK(s.current[1] == Approx(100.0).epsilon(1e-12));
  // Its 2x1 crossbar (ideal rows and sense, 1 kOhm cells and segments): the
  // undriven row is held at 0 V, row 0 gives 200 µA, row 1 400 µA, both 600.
  const WireResistances col_only{0.0, 1000.0, 0.0, 0.0};
  CHECK(SolveRead(solver, {1000.0f, 1000.0f}, 2, 1, col_only, -1.0, {1, 0}).current[0] ==
        Approx(200.0).epsilon(1e-12));
  CHECK(SolveRead(solver, {1000.0f, 1000.0f}, 2, 1, col_only, -1.0, {0, 1}).current[0] ==
        Approx(400.0).epsilon(1e-12));
  CHECK(SolveRead(solver, {1000.0f, 1000.0f}, 2, 1, col_only, -1.0, {1, 1}).current[0] ==
        Approx(600.0).epsilon(1e-12));
  // A lumped row (r_row = 0) behind a 1 kOhm driver, two 1 kOhm cells into
  // grounded columns: 1k + 1k||1k = 1.5 kOhm, 2/3 mA, split evenly.
  s = SolveRead(solver, {1000.0f, 1000.0f}, 1, 2, {0.0, 0.0, 1000.0, 0.0}, 1.0, {1});
  CHECK(s.current[0] == Approx(1000.0 / 3.0).epsilon(1e-12));
  CHECK(s.current[1] == Approx(1000.0 / 3.0).epsilon(1e-12));
  // A lumped column (r_col = 0) behind a 1 kOhm sense, two held rows:
  // 1k||1k + 1k = 1.5 kOhm, 2/3 mA.
  s = SolveRead(solver, {1000.0f, 1000.0f}, 2, 1, {0.0, 0.0, 0.0, 1000.0}, 1.0, {1, 1});
  CHECK(s.current[0] == Approx(2000.0 / 3.0).epsilon(1e-12));
}

TEST_CASE("read solver equals the transfer matrix for every combination of zero resistances") {
  std::mt19937_64 rng(41);
  const double ohms[4] = {3.0, 2.0, 80.0, 40.0};  // row, col, driver, sense when non-zero
  for (int mask = 0; mask < 16; ++mask) {
    WireResistances w;
    w.row_ohm = mask & 1 ? ohms[0] : 0.0;
    w.col_ohm = mask & 2 ? ohms[1] : 0.0;
    w.driver_ohm = mask & 4 ? ohms[2] : 0.0;
    w.sense_ohm = mask & 8 ? ohms[3] : 0.0;
    for (const auto& [rows, cols] :
         {std::pair<int64_t, int64_t>{1, 1}, {1, 6}, {7, 1}, {9, 7}, {24, 40}}) {
      INFO("row/col/driver/sense " << w.row_ohm << "/" << w.col_ohm << "/" << w.driver_ohm << "/"
                                   << w.sense_ohm << " Ohm, " << rows << "x" << cols);
      const std::vector<float> cells = RandomCells(rng, rows * cols);
      const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), rows, cols, w, -0.2, rows);
      NodalReadSolver solver;
      for (int trial = 0; trial < 3; ++trial) {
        const std::vector<uint8_t> driven = RandomDrive(rng, rows);
        const Solved s = SolveRead(solver, cells, rows, cols, w, -0.2, driven);
        CheckClose(s.current, DriveSum(t, driven), 1e-9);
        CHECK(s.stats.relative_residual <= NodalReadSolver::kTolerance);
      }
    }
  }
}

// The dense transfer matrix of a 256 x 256 tile is ~14 GFLOP: seconds in
// Release, a minute under the sanitizers' -O1, where a 128 x 128 tile runs
// the same solver code (every block and strip path) at a sixteenth.
#if defined(__SANITIZE_ADDRESS__)
constexpr int64_t kLargeTile = 128;
#else
constexpr int64_t kLargeTile = 256;
#endif

TEST_CASE("read solver on a 256x256 tile with severe wires equals the transfer matrix") {
  std::mt19937_64 rng(42);
  const int64_t n = kLargeTile;
  const std::vector<float> cells = RandomCells(rng, n * n);
  const WireResistances w{1.0, 1.0, 100.0, 100.0};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), n, n, w, -0.2, n);
  NodalReadSolver solver;
  for (int trial = 0; trial < 3; ++trial) {
    const std::vector<uint8_t> driven = RandomDrive(rng, n);
    const Solved s = SolveRead(solver, cells, n, n, w, -0.2, driven);
    INFO(s.stats.iterations << " iterations");
    CheckClose(s.current, DriveSum(t, driven), 1e-8);
    CHECK(s.stats.iterations <= 12);
  }
}

TEST_CASE("read solver with severe wires and ideal driver and sense equals the transfer matrix") {
  std::mt19937_64 rng(45);
  const int64_t n = 128;
  const std::vector<float> cells = RandomCells(rng, n * n);
  const WireResistances w{1.0, 1.0, 0.0, 0.0};
  const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), n, n, w, -0.2, n);
  NodalReadSolver solver;
  const std::vector<uint8_t> driven = RandomDrive(rng, n);
  const Solved s = SolveRead(solver, cells, n, n, w, -0.2, driven);
  INFO(s.stats.iterations << " iterations");
  CheckClose(s.current, DriveSum(t, driven), 1e-8);
}

TEST_CASE("read solver: nothing driven or nothing conducting gives 0 µA") {
  NodalReadSolver solver;
  const WireResistances w{1.0, 1.0, 10.0, 10.0};
  std::vector<float> cells(4 * 3, 30.0f);
  Solved s = SolveRead(solver, cells, 4, 3, w, -0.2, {0, 0, 0, 0});
  CHECK(s.current == std::vector<double>(3, 0.0));
  std::fill(cells.begin(), cells.end(), 0.0f);
  s = SolveRead(solver, cells, 4, 3, w, -0.2, {1, 1, 0, 1});
  CHECK(s.current == std::vector<double>(3, 0.0));
}

TEST_CASE("read solver: wires far weaker than the cells still converge to the direct solution") {
  std::mt19937_64 rng(44);
  const int64_t rows = 48, cols = 40;
  const std::vector<float> cells = RandomCells(rng, rows * cols);
  for (const WireResistances& w :
       {WireResistances{1e3, 1e3, 1.0, 1.0}, WireResistances{1e6, 1e6, 1e6, 1e6},
        WireResistances{1e6, 0.5, 0.0, 10.0}, WireResistances{0.5, 1e6, 10.0, 0.0}}) {
    INFO("row/col/driver/sense " << w.row_ohm << "/" << w.col_ohm << "/" << w.driver_ohm << "/"
                                 << w.sense_ohm << " Ohm");
    const RowMajorMatrixD t = NodalTransferMatrix(cells.data(), rows, cols, w, -0.2, rows);
    NodalReadSolver solver;
    const std::vector<uint8_t> driven = RandomDrive(rng, rows);
    const Solved s = SolveRead(solver, cells, rows, cols, w, -0.2, driven);
    INFO(s.stats.iterations << " iterations");
    CheckClose(s.current, DriveSum(t, driven), 1e-8);
  }
}

TEST_CASE("read solver: a tiny wire resistance approaches the ideal wire") {
  std::mt19937_64 rng(43);
  const int64_t rows = 32, cols = 32;
  const std::vector<float> cells = RandomCells(rng, rows * cols);
  const std::vector<uint8_t> driven = RandomDrive(rng, rows);
  NodalReadSolver solver;
  const Solved ideal = SolveRead(solver, cells, rows, cols, {0.0, 0.0, 50.0, 50.0}, -0.2, driven);
  const Solved tiny = SolveRead(solver, cells, rows, cols, {1e-6, 1e-6, 50.0, 50.0}, -0.2, driven);
  CheckClose(tiny.current, ideal.current, 1e-6);
}

}  // namespace
}  // namespace cim::sim
