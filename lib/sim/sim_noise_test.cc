// Cell non-idealities (crossbar-model.md §4) and ADC statistics (§3).

#include <catch2/catch.hpp>
#include <cmath>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::Mismatches;
using testing::MustCreate;
using testing::NaiveProduct;
using testing::RandomValues;
using testing::RunPatches;

TEST_CASE("D2D variability: realised cells match the configured σ and change results") {
  std::mt19937_64 rng(1);
  const int64_t k = 256, m = 128, n = 200;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnI, {256, 256});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.d2d = {1.0, 2.0};
  auto engine = MustCreate(p, c);
  const CellStats cells = engine->TotalCells();
  // BNN_I: one LRS cell per weight, the rest HRS; 32768 cells of each state.
  CHECK(cells.lrs_cells == 32768);
  CHECK(cells.lrs_current.Mean() == Approx(30.0).margin(0.05));
  CHECK(cells.lrs_current.Sigma() == Approx(2.0).margin(0.05));
  CHECK(cells.hrs_current.Mean() == Approx(5.0).margin(0.05));
  CHECK(cells.hrs_current.Sigma() == Approx(1.0).margin(0.05));
  auto worker = engine->NewWorker();
  const std::vector<int32_t> noisy = RunPatches(*worker, p, x, n);
  CHECK(Mismatches(noisy, NaiveProduct(w, m, k, x, n)) > n * m / 10);
  // Same seed: same cells and results; another seed: other results.
  auto again = MustCreate(p, c)->NewWorker();
  CHECK(RunPatches(*again, p, x, n) == noisy);
  c.seed = 2;
  auto other = MustCreate(p, c)->NewWorker();
  CHECK(RunPatches(*other, p, x, n) != noisy);
}

TEST_CASE("D2D clamps cell currents at 0 µA") {
  // All weights −1: every cell of BNN_III is HRS.
  const Program p = DenseProgram(std::vector<int8_t>(64 * 64, -1), 64, 64, Mapping::kBnnIII,
                                 {64, 64});
  XbarConfig c = IdealConfig(p, 0.5, 4.0);
  c.noise.d2d = {1.0, 0.0};  // HRS σ twice its nominal current
  auto engine = MustCreate(p, c);
  const CellStats cells = engine->TotalCells();
  REQUIRE(cells.hrs_cells == 4096);
  CHECK(cells.hrs_current.Min() == 0.0);
  CHECK(cells.hrs_current.Mean() > 0.5);  // the clamp's upward bias
}

TEST_CASE("stuck-at fractions are realised per physical cell") {
  const Program p = DenseProgram(std::vector<int8_t>(256 * 512, -1), 256, 512, Mapping::kBnnIII,
                                 {256, 256});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.stuck_at_hrs = 0.05;
  c.noise.stuck_at_lrs = 0.02;
  auto engine = MustCreate(p, c);
  const CellStats cells = engine->TotalCells();
  REQUIRE(cells.cells_total == 2 * 65536);  // two row tiles
  CHECK(double(cells.stuck_at_hrs) / cells.cells_total == Approx(0.05).margin(0.003));
  CHECK(double(cells.stuck_at_lrs) / cells.cells_total == Approx(0.02).margin(0.003));
  // Every weight is −1 (HRS in BNN_III): LRS cells are exactly the stuck-at-LRS ones.
  CHECK(cells.lrs_cells == cells.stuck_at_lrs);
  // Faulty cells change results.
  std::mt19937_64 rng(3);
  const std::vector<int8_t> x = RandomValues(rng, 20 * 512, {-1, 1});
  auto worker = engine->NewWorker();
  const auto& w = std::get<XbarLinearOp>(p.ops[0]).weights;
  CHECK(RunPatches(*worker, p, x, 20) != NaiveProduct(w, 256, 512, x, 20));
}

// All inputs +1 on `mapping` with the given weights: returns the ADC input
// moments of one run of n patches with C2C noise σ = (0.5 HRS, 1.5 LRS).
FixedPointMoments C2cInputs(Mapping mapping, const std::vector<int8_t>& w, int64_t m, int64_t k,
                            int64_t n) {
  const Program p = DenseProgram(w, m, k, mapping, {256, 256});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.c2c = {0.5, 1.5};
  auto engine = MustCreate(p, c);
  std::vector<std::unique_ptr<XbarWorker>> workers;
  workers.push_back(engine->NewWorker());
  RunPatches(*workers[0], p, std::vector<int8_t>(n * k, 1), n);
  return engine->MergeStats(workers)[0].adc.input_current;
}

TEST_CASE("C2C noise of a conversion is one Gaussian with variance Σσ² of the driven cells") {
  const int64_t k = 64, m = 64, n = 2000;
  // BNN_V, first half of the weights +1 and second half −1: each column has
  // 32 driven LRS and 32 driven HRS cells: var = 32·1.5² + 32·0.5² = 80.
  std::vector<int8_t> w(m * k);
  for (int64_t j = 0; j < m; ++j)
    for (int64_t i = 0; i < k; ++i) w[j * k + i] = i < k / 2 ? 1 : -1;
  const FixedPointMoments single = C2cInputs(Mapping::kBnnV, w, m, k, n);
  CHECK(single.count == m * n);
  CHECK(single.Mean() == Approx(32 * 25.0).margin(0.1));
  CHECK(single.Sigma() == Approx(std::sqrt(80.0)).epsilon(0.02));
  // BNN_I, all weights +1: column p has 64 LRS, column m 64 HRS driven;
  // I_p − I_m has var = 64·(1.5² + 0.5²) = 160.
  const FixedPointMoments diff =
      C2cInputs(Mapping::kBnnI, std::vector<int8_t>(m * k, 1), m, k, n);
  CHECK(diff.Mean() == Approx(64 * 25.0).margin(0.1));
  CHECK(diff.Sigma() == Approx(std::sqrt(160.0)).epsilon(0.02));
}

TEST_CASE("ADC clipping is counted and the code histogram sums to the conversions") {
  std::mt19937_64 rng(5);
  const int64_t k = 32, m = 20, n = 100;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnIII, {64, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kPositive;
  c.adc.bits = 5;
  c.adc.range = AdcRangeMode::kExplicit;
  c.adc.explicit_range = {2.5 * 25.0, 10.0 * 25.0};
  auto engine = MustCreate(p, c);
  std::vector<std::unique_ptr<XbarWorker>> workers;
  workers.push_back(engine->NewWorker());
  RunPatches(*workers[0], p, x, n);
  const LayerStats st = engine->MergeStats(workers)[0];
  // BNN_III reads, per output and phase, dI·#(x = ±1, w = +1) after the offset.
  int64_t low = 0, high = 0;
  for (int64_t q = 0; q < n; ++q) {
    for (int64_t j = 0; j < m; ++j) {
      for (int sign : {1, -1}) {
        int lrs = 0;
        for (int64_t i = 0; i < k; ++i) lrs += x[q * k + i] == sign && w[j * k + i] == 1;
        low += lrs <= 2;
        high += lrs > 10;
      }
    }
  }
  CHECK(st.mvms == n);
  CHECK(st.adc.conversions == 2 * m * n);
  CHECK(st.adc.clipped_low == low);
  CHECK(st.adc.clipped_high == high);
  REQUIRE(st.adc.code_histogram.size() == 32);
  int64_t total = 0;
  for (int64_t h : st.adc.code_histogram) total += h;
  CHECK(total == st.adc.conversions);
  CHECK(st.adc.code_histogram.front() == low);
  CHECK(st.adc.code_histogram.back() >= high);
}

}  // namespace
}  // namespace cim::sim
