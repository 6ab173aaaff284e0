// IR drop (crossbar-model.md §5) and drift (§4) through the engine: the
// kernel's column currents against the ladder and the nodal solution, every
// mapping exact without wire resistance, composition with D2D/C2C/faults,
// and determinism. The full model on changing cells: sim_ir_drop_full_test.cc.

#include <catch2/catch.hpp>
#include <cmath>
#include <thread>

#include "sim/cell_array.h"
#include "sim/ir_drop_kernel.h"
#include "sim/ir_drop_nodal.h"
#include "sim/ir_drop_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::Mismatches;
using testing::MustCreate;
using testing::NaiveProduct;
using testing::PackedPatch;
using testing::ParamsOf;
using testing::ProgramOneTile;
using testing::ValuesOf;
using testing::RandomValues;
using testing::RunPatches;

TEST_CASE("IR drop kernel: column currents are the ladders of the driven rows") {
  // BNN_V: two rows per input, x = +1 drives row 2i, x = −1 row 2i + 1.
  std::mt19937_64 rng(21);
  const int64_t k = 60, m = 40;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnV, {128, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.d2d = {0.5, 2.0};
  c.ir_drop = {IrDropModel::kColumn, 2.0};
  const ProgrammedTile t = ProgramOneTile(p, c);
  const std::vector<int8_t> x = RandomValues(rng, k, {-1, 1});
  const std::vector<uint64_t> masks = PackedPatch(x, k);
  IrDropScratch scratch;
  std::vector<double> current(t.cells.used_cols);
  IrDropPatchCurrents(t, SchemeFor(Mapping::kBnnV), ParamsOf(c), masks.data(), 0, nullptr, scratch,
                      current.data());
  std::vector<uint8_t> driven(128, 0);
  for (int64_t i = 0; i < k; ++i) driven[2 * i + (x[i] < 0 ? 1 : 0)] = 1;
  for (int64_t col = 0; col < t.cells.used_cols; ++col) {
    std::vector<double> column(128);
    for (int64_t r = 0; r < 128; ++r) column[r] = t.cells.current_ua[r * 64 + col];
    CHECK(current[col] == Approx(LadderColumnCurrent(column, driven, 2.0, -0.2)).epsilon(1e-12));
  }
}

TEST_CASE("IR drop kernel: the full model sums the nodal transfer rows of the driven rows") {
  std::mt19937_64 rng(22);
  const int64_t k = 30, m = 12;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnIII, {32, 16});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.d2d = {0.5, 2.0};
  c.ir_drop = {IrDropModel::kFull, 3.0, 2.0, 100.0, 50.0};
  const ProgrammedTile t = ProgramOneTile(p, c);
  const RowMajorMatrixD transfer =
      NodalTransferMatrix(t.cells.current_ua.data(), 32, 16, {2.0, 3.0, 100.0, 50.0}, -0.2, 32);
  const std::vector<int8_t> x = RandomValues(rng, k, {-1, 1});
  const std::vector<uint64_t> masks = PackedPatch(x, k);
  IrDropScratch scratch;
  std::vector<double> current(2 * t.cells.used_cols);  // BNN_III: phases x = +1, x = −1
  IrDropPatchCurrents(t, SchemeFor(Mapping::kBnnIII), ParamsOf(c), masks.data(), 0, nullptr, scratch,
                      current.data());
  for (int ph = 0; ph < 2; ++ph) {
    for (int64_t col = 0; col < t.cells.used_cols; ++col) {
      double want = 0.0;
      for (int64_t i = 0; i < k; ++i)
        if ((x[i] > 0) == (ph == 0)) want += transfer(i, col);
      CHECK(current[ph * t.cells.used_cols + col] == Approx(want).epsilon(1e-6));
    }
  }
}

TEST_CASE("IR drop with ideal wires is exact for every mapping") {
  std::mt19937_64 rng(23);
  for (const MappingTraits& traits : AllMappings()) {
    const Mapping mapping = traits.mapping;
    INFO(traits.name);
    const int64_t k = 70, m = 30, n = 50;
    const std::vector<int8_t> w = RandomValues(rng, m * k, ValuesOf(mapping));
    const std::vector<int8_t> x = RandomValues(
        rng, n * k, traits.ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1});
    const Program p = DenseProgram(w, m, k, mapping, {64, 64});
    const std::vector<int32_t> exact = NaiveProduct(w, m, k, x, n);
    for (IrDropModel model : {IrDropModel::kColumn, IrDropModel::kFull}) {
      XbarConfig c = IdealConfig(p, 5.0, 30.0);
      c.ir_drop.model = model;  // all resistances 0
      auto worker = MustCreate(p, c)->NewWorker();
      CHECK(RunPatches(*worker, p, x, n) == exact);
    }
  }
}

TEST_CASE("IR drop: errors grow with wire resistance and crossbar size") {
  std::mt19937_64 rng(24);
  const int64_t k = 120, m = 60, n = 200;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const std::vector<int32_t> exact = NaiveProduct(w, m, k, x, n);
  auto errors = [&](int64_t rows, double r_ohm, IrDropModel model) {
    const Program p = DenseProgram(w, m, k, Mapping::kBnnI, {rows, 128});
    XbarConfig c = IdealConfig(p, 5.0, 30.0);
    c.ir_drop.model = model;
    c.ir_drop.r_col_ohm = r_ohm;
    auto worker = MustCreate(p, c)->NewWorker();
    return Mismatches(RunPatches(*worker, p, x, n), exact);
  };
  const int64_t low = errors(128, 0.02, IrDropModel::kColumn);
  const int64_t high = errors(128, 0.04, IrDropModel::kColumn);
  const int64_t bigger = errors(256, 0.04, IrDropModel::kColumn);  // same cells, longer wire
  INFO(low << " " << high << " " << bigger << " of " << n * m);
  CHECK(0 < low);
  CHECK(low < high);
  CHECK(high < bigger);
  CHECK(bigger < n * m * 9 / 10);  // not yet saturated
  CHECK(errors(128, 0.04, IrDropModel::kFull) > 0);
}

TEST_CASE("IR drop composes with D2D, C2C and faults, reproducibly") {
  std::mt19937_64 rng(25);
  const int64_t k = 100, m = 40, n = 300;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 0, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 0, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kTnnV, {128, 128});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kPositive;
  c.adc.bits = 7;
  c.adc.range = AdcRangeMode::kMappingMax;
  c.ir_drop = {IrDropModel::kColumn, 0.5};
  auto base = MustCreate(p, c)->NewWorker();
  const std::vector<int32_t> ir_only = RunPatches(*base, p, x, n);
  c.noise.c2c = {0.5, 1.5};
  auto with_c2c = MustCreate(p, c);
  auto w1 = with_c2c->NewWorker();
  const std::vector<int32_t> c2c = RunPatches(*w1, p, x, n);
  CHECK(Mismatches(c2c, ir_only) > 0);  // read noise is not dropped with IR drop on
  c.noise.d2d = {0.5, 1.5};
  c.noise.stuck_at_lrs = 0.02;
  auto all = MustCreate(p, c);
  auto w2 = all->NewWorker();
  const std::vector<int32_t> noisy = RunPatches(*w2, p, x, n);
  CHECK(Mismatches(noisy, c2c) > 0);
  auto again = MustCreate(p, c)->NewWorker();
  CHECK(RunPatches(*again, p, x, n) == noisy);
  // Another first image: other read noise.
  auto shifted = all->NewWorker();
  CHECK(RunPatches(*shifted, p, x, n, 77) != noisy);
}

TEST_CASE("IR drop results do not depend on batching or threads") {
  std::mt19937_64 rng(26);
  const int64_t k = 150, m = 50, n = 520, positions = 4;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnVI, {128, 128});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kSymmetric;
  c.adc.bits = 6;
  c.adc.range = AdcRangeMode::kMappingMax;
  c.noise.d2d = {0.5, 1.0};
  c.noise.c2c = {0.3, 0.8};
  c.ir_drop = {IrDropModel::kColumn, 1.0};
  auto engine = MustCreate(p, c);
  const auto& op = std::get<XbarLinearOp>(p.ops[0]);
  auto run = [&](XbarWorker& worker, int64_t begin, int64_t end, std::vector<int32_t>& y) {
    XbarCall call;
    call.op = &op;
    call.patches = x.data() + begin * k;
    call.num_patches = end - begin;
    call.first_image = begin / positions;
    call.positions_per_image = positions;
    call.out = y.data() + begin * m;
    REQUIRE(worker.Compute(call).ok());
  };
  std::vector<int32_t> one(n * m), two(n * m);
  auto w1 = engine->NewWorker();
  run(*w1, 0, n, one);
  auto a = engine->NewWorker(), b = engine->NewWorker();
  std::thread t1([&] {
    run(*a, 0, 12, two);
    run(*a, 300, n, two);
  });
  std::thread t2([&] { run(*b, 12, 300, two); });
  t1.join();
  t2.join();
  CHECK(two == one);
}

TEST_CASE("drift: cell currents follow (t/t0)^-nu per state, in the stats and the results") {
  std::mt19937_64 rng(27);
  const int64_t k = 128, m = 64, n = 100;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnIII, {128, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.drift = {1e4, 1.0, 0.01, 0.05};
  auto engine = MustCreate(p, c);
  const CellStats cells = engine->TotalCells();
  CHECK(cells.lrs_current.Mean() == Approx(30.0 * std::pow(1e4, -0.05)).epsilon(1e-6));
  CHECK(cells.hrs_current.Mean() == Approx(5.0 * std::pow(1e4, -0.01)).epsilon(1e-6));
  CHECK(cells.lrs_current.Sigma() == Approx(0.0).margin(1e-5));
  // LRS 30 → 18.9 µA: BNN_III's recovery assumes the nominal dI, so results change.
  auto worker = engine->NewWorker();
  CHECK(Mismatches(RunPatches(*worker, p, x, n), NaiveProduct(w, m, k, x, n)) > n * m / 2);
  // t = t0 is no drift at all.
  c.noise.drift.t_s = 1.0;
  auto fresh = MustCreate(p, c)->NewWorker();
  CHECK(RunPatches(*fresh, p, x, n) == NaiveProduct(w, m, k, x, n));
}

TEST_CASE("drift composes with D2D: it scales the realised current") {
  const Program p =
      DenseProgram(std::vector<int8_t>(64 * 64, 1), 64, 64, Mapping::kBnnIII, {64, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.d2d = {0.0, 2.0};
  const CellStats before = MustCreate(p, c)->TotalCells();
  c.noise.drift = {100.0, 1.0, 0.0, 0.1};
  const CellStats after = MustCreate(p, c)->TotalCells();
  const double f = std::pow(100.0, -0.1);
  CHECK(after.lrs_current.Mean() == Approx(before.lrs_current.Mean() * f).epsilon(1e-6));
  CHECK(after.lrs_current.Sigma() == Approx(before.lrs_current.Sigma() * f).epsilon(1e-4));
}

}  // namespace
}  // namespace cim::sim
