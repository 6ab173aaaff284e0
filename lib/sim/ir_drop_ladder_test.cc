// Column-wire IR drop (crossbar-model.md §5): the reference values and the
// vectorised ladders against the literal recurrence.

#include "sim/ir_drop_ladder.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

namespace cim::sim {
namespace {

struct ReferenceLoss {
  double lrs_ua, r_ohm;
  int rows;
  double loss_pct;  // as §5 prints it, two decimals
};

// §5: one column, all rows LRS and driven, v_read = −0.2 V.
constexpr ReferenceLoss kReference[] = {
    {4, 0.25, 128, -2.67}, {4, 0.25, 256, -9.71}, {4, 0.25, 512, -28.79}, {4, 1, 128, -9.76},
    {4, 1, 256, -28.85},   {4, 1, 512, -57.31},   {4, 3, 128, -23.77},    {4, 3, 256, -51.63},
    {4, 3, 512, -74.90},   {30, 1, 256, -68.42},
};

double LossPct(double current_ua, const ReferenceLoss& ref) {
  return (current_ua / (ref.rows * ref.lrs_ua) - 1.0) * 100.0;
}

TEST_CASE("ladder: the literal recurrence reproduces the 10 reference losses") {
  for (const ReferenceLoss& ref : kReference) {
    const std::vector<double> cells(ref.rows, ref.lrs_ua);
    const std::vector<uint8_t> driven(ref.rows, 1);
    const double i = LadderColumnCurrent(cells, driven, ref.r_ohm, -0.2);
    INFO("LRS " << ref.lrs_ua << " uA  r " << ref.r_ohm << " ohm  N " << ref.rows);
    // The reference prints two decimals: agree to within their rounding.
    CHECK(std::fabs(LossPct(i, ref) - ref.loss_pct) <= 0.005);
  }
}

TEST_CASE("ladder: ColumnLadders reproduces the 10 reference losses") {
  for (const ReferenceLoss& ref : kReference) {
    ColumnLadders ladders;
    ladders.Reset(ref.r_ohm, -0.2, ref.rows, 3);
    const std::vector<float> row(3, static_cast<float>(ref.lrs_ua));
    for (int r = 0; r < ref.rows; ++r) ladders.AddRow(r, row.data());
    double i[3];
    ladders.Finish(i);
    INFO("LRS " << ref.lrs_ua << " uA  r " << ref.r_ohm << " ohm  N " << ref.rows);
    CHECK(std::fabs(LossPct(i[0], ref) - ref.loss_pct) <= 0.005);
    CHECK(i[1] == i[0]);
  }
}

TEST_CASE("ladder: sparse drive and random cells agree with the literal recurrence") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> cell(0.5, 30.0);
  std::bernoulli_distribution drive(0.3);
  const int64_t rows = 300, cols = 17;  // 300: several rescales; 17: a vector tail
  for (double r_ohm : {0.1, 2.5, 40.0}) {
    std::vector<float> g(rows * cols);
    for (float& x : g) x = static_cast<float>(cell(rng));
    std::vector<uint8_t> driven(rows);
    for (uint8_t& d : driven) d = drive(rng);
    driven[rows - 1] = 0;  // segments after the last driven row still count
    ColumnLadders ladders;
    ladders.Reset(r_ohm, 0.3, rows, cols);
    for (int64_t r = 0; r < rows; ++r)
      if (driven[r]) ladders.AddRow(r, g.data() + r * cols);
    std::vector<double> got(cols);
    ladders.Finish(got.data());
    for (int64_t c = 0; c < cols; ++c) {
      std::vector<double> column(rows);
      for (int64_t r = 0; r < rows; ++r) column[r] = g[r * cols + c];
      CHECK(got[c] == Approx(LadderColumnCurrent(column, driven, r_ohm, 0.3)).epsilon(1e-12));
    }
  }
}

TEST_CASE("ladder: no driven row gives 0 and zero wire resistance gives the plain sum") {
  ColumnLadders none;
  none.Reset(1.0, -0.2, 64, 2);
  double i[2] = {-1, -1};
  none.Finish(i);
  CHECK(i[0] == 0.0);
  CHECK(i[1] == 0.0);
  ColumnLadders ideal;
  ideal.Reset(0.0, -0.2, 64, 2);
  const float row[2] = {4.0f, 30.0f};
  for (int r = 0; r < 64; r += 2) ideal.AddRow(r, row);
  ideal.Finish(i);
  CHECK(i[0] == Approx(32 * 4.0).epsilon(1e-14));
  CHECK(i[1] == Approx(32 * 30.0).epsilon(1e-14));
}

TEST_CASE("ladder: the same cells lose more the farther they are from the sense node") {
  // Row 0 is the far end: one cell there sees all 64 segments, row 63 one.
  const float row[1] = {30.0f};
  double far = 0, near = 0;
  ColumnLadders a, b;
  a.Reset(5.0, -0.2, 64, 1);
  a.AddRow(0, row);
  a.Finish(&far);
  b.Reset(5.0, -0.2, 64, 1);
  b.AddRow(63, row);
  b.Finish(&near);
  CHECK(far < near);
  CHECK(near < 30.0);
  // A single cell in series with s segments: I = V/(R_cell + s·r).
  const double r_cell = 0.2 / 30e-6;
  CHECK(far == Approx(0.2 / (r_cell + 64 * 5.0) * 1e6).epsilon(1e-12));
  CHECK(near == Approx(0.2 / (r_cell + 1 * 5.0) * 1e6).epsilon(1e-12));
}

}  // namespace
}  // namespace cim::sim
