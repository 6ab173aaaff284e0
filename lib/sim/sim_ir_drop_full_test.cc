// The full IR-drop model (crossbar-model.md §5) on cells that change from
// read to read: C2C read noise and read disturb act on the conductances the
// per-read solver sees (ir_drop_read_solver.h). Kernel: the per-read path
// against the transfer matrix, against the column model with C2C, with
// clamped noise and with disturbed rows; engine: reproducibility and refresh.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <thread>

#include "sim/counter_rng.h"
#include "sim/ir_drop_kernel.h"
#include "sim/ir_drop_read_solver.h"
#include "sim/ir_drop_test_util.h"
#include "sim/read_disturb_model.h"
#include "sim/tile_disturb_state.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::Mismatches;
using testing::MustCreate;
using testing::PackedPatch;
using testing::ParamsOf;
using testing::ProgramOneTile;
using testing::RandomValues;
using testing::RunPatches;

// The kernel's currents (phases x used columns) for one patch.
std::vector<double> KernelCurrents(const ProgrammedTile& t, Mapping mapping, const KernelParams& kp,
                                   const std::vector<uint64_t>& masks, uint64_t noise_key,
                                   const TileDisturbState* disturb = nullptr) {
  const MappingScheme& s = SchemeFor(mapping);
  std::vector<double> current(static_cast<size_t>(s.phases * t.cells.used_cols));
  IrDropScratch scratch;
  IrDropPatchCurrents(t, s, kp, masks.data(), noise_key, disturb, scratch, current.data());
  return current;
}

double MaxAbs(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

double MaxDiff(const std::vector<double>& a, const std::vector<double>& b) {
  REQUIRE(a.size() == b.size());
  double m = 0.0;
  for (size_t i = 0; i < a.size(); ++i) m = std::max(m, std::fabs(a[i] - b[i]));
  return m;
}

// The physical rows phase 0 of a single-plane mapping drives: inputs x = +1.
std::vector<uint8_t> PlusRows(const std::vector<int8_t>& x, int64_t rows) {
  std::vector<uint8_t> d(static_cast<size_t>(rows), 0);
  for (size_t i = 0; i < x.size(); ++i) d[i] = x[i] > 0;
  return d;
}

TEST_CASE("full IR drop kernel: solving each read on unchanged cells is the transfer matrix") {
  std::mt19937_64 rng(31);
  for (Mapping mapping : {Mapping::kBnnV, Mapping::kTnnII}) {  // two planes; two phases
    INFO(Traits(mapping).name);
    const bool ternary = Traits(mapping).ternary;
    const std::vector<int8_t> values =
        ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1};
    const int64_t k = 21, m = 14;  // leaves unused rows and columns on the 48 x 40 crossbar
    const Program p = DenseProgram(RandomValues(rng, m * k, values), m, k, mapping, {48, 40});
    XbarConfig c = IdealConfig(p, 5.0, 30.0);
    c.noise.d2d = {0.5, 2.0};
    c.ir_drop = {IrDropModel::kFull, 2.0, 3.0, 100.0, 50.0};
    const ProgrammedTile t = ProgramOneTile(p, c);
    KernelParams kp = ParamsOf(c);
    for (int trial = 0; trial < 3; ++trial) {
      const std::vector<uint64_t> masks = PackedPatch(RandomValues(rng, k, values), k);
      const std::vector<double> transfer = KernelCurrents(t, p.mapping, kp, masks, 5);
      kp.c2c = true;  // with σ = 0: the per-read path on the programmed cells
      const std::vector<double> solved = KernelCurrents(t, p.mapping, kp, masks, 5);
      kp.c2c = false;
      // The transfer matrix is stored in float.
      CHECK(MaxDiff(solved, transfer) <= 1e-6 * MaxAbs(transfer));
    }
  }
}

TEST_CASE(
    "full IR drop kernel: C2C with ideal rows, driver and sense and every row driven is "
    "the column model with C2C") {
  std::mt19937_64 rng(32);
  const int64_t k = 64, m = 32;  // BNN_I fills the 64 x 64 crossbar; x = +1 drives every row
  const Program p = DenseProgram(RandomValues(rng, m * k, {-1, 1}), m, k, Mapping::kBnnI, {64, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.d2d = {0.5, 2.0};
  c.noise.c2c = {0.3, 1.0};
  c.ir_drop = {IrDropModel::kColumn, 1.5};
  const ProgrammedTile column = ProgramOneTile(p, c);
  c.ir_drop = {IrDropModel::kFull, 1.5};
  const ProgrammedTile full = ProgramOneTile(p, c);
  CHECK(full.ir_drop.transfer_ua.size() == 0);  // C2C: no read uses it, so it is not solved
  const KernelParams kp = ParamsOf(c);
  const std::vector<uint64_t> masks = PackedPatch(std::vector<int8_t>(k, 1), k);
  std::vector<double> first;
  for (uint64_t key : {11, 12, 13}) {
    INFO("key " << key);
    const std::vector<double> want = KernelCurrents(column, p.mapping, kp, masks, key);
    const std::vector<double> got = KernelCurrents(full, p.mapping, kp, masks, key);
    CHECK(MaxDiff(got, want) <= 1e-9 * MaxAbs(want));
    if (first.empty()) {
      first = got;
    } else {
      CHECK(MaxDiff(got, first) > 1e-3);  // another read, other noise
    }
  }
}

TEST_CASE("full IR drop kernel: a noisy conductance below 0 is read as an open cell") {
  std::mt19937_64 rng(33);
  const int64_t k = 20, m = 10, rows = 32, cols = 32;
  const Program p =
      DenseProgram(RandomValues(rng, m * k, {-1, 1}), m, k, Mapping::kBnnI, {rows, cols});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.noise.c2c = {10.0, 1.0};  // HRS 5 µA ± 10 µA: many negative draws
  c.ir_drop = {IrDropModel::kFull, 1.0, 1.0, 50.0, 50.0};
  const ProgrammedTile t = ProgramOneTile(p, c);
  const std::vector<int8_t> x = RandomValues(rng, k, {-1, 1});
  const uint64_t key = 77;
  const std::vector<double> got = KernelCurrents(t, p.mapping, ParamsOf(c), PackedPatch(x, k), key);
  // By hand: the column model's draws, clamped at 0, on the driven cells only.
  NodalReadSolver solver;
  solver.Reset({1.0, 1.0, 50.0, 50.0}, c.device.v_read_v, rows, cols);
  float* g = solver.cells().data();
  for (int64_t e = 0; e < rows * cols; ++e) g[e] = t.cells.current_ua[e];
  const std::vector<uint8_t> driven = PlusRows(x, rows);
  const uint64_t cell_key = DeriveKey(key, 1);
  int64_t clamped = 0;
  for (int64_t r = 0; r < rows; ++r) {
    if (!driven[r]) continue;
    for (int64_t col = 0; col < t.cells.used_cols; ++col) {
      const double sigma = t.cells.is_lrs[r * cols + col] ? 1.0 : 10.0;
      const double z = NormalDraw(cell_key, static_cast<uint64_t>(r * cols + col));
      const float noisy = static_cast<float>(t.cells.current_ua[r * cols + col] + sigma * z);
      clamped += noisy < 0.0f;
      g[r * cols + col] = noisy > 0.0f ? noisy : 0.0f;
    }
  }
  CHECK(clamped > 10);
  std::vector<double> want(static_cast<size_t>(t.cells.used_cols));
  solver.Solve(driven, t.cells.used_cols, want.data());
  CHECK(got == want);
}

TEST_CASE("full IR drop kernel: under read disturb every row loads the network as it is now") {
  std::mt19937_64 rng(34);
  const int64_t k = 24, m = 16;  // BNN_V: input i owns rows 2i (x = +1) and 2i + 1 (x = −1)
  const Program p = DenseProgram(RandomValues(rng, m * k, {-1, 1}), m, k, Mapping::kBnnV, {64, 40});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.device.v_read_v = -0.4;
  c.noise.d2d = {0.5, 2.0};
  c.ir_drop = {IrDropModel::kFull, 1.0, 2.0, 30.0, 30.0};
  const ProgrammedTile t = ProgramOneTile(p, c);
  const MappingScheme& s = SchemeFor(Mapping::kBnnV);
  const ReadDisturbModel model(c.device.v_read_v);
  ReadDisturbConfig rd;
  rd.enabled = true;
  rd.t_read_s = 1e-5;  // τ(0) = 2.4e-4 s: a row fails after 25 reads
  TileDisturbState state(t.cells, s, rd, model, c.device.lrs_ua);
  const KernelParams kp = ParamsOf(c);
  const std::vector<int8_t> x = RandomValues(rng, k, {-1, 1});
  const std::vector<uint64_t> masks = PackedPatch(x, k);
  // Fresh cells: the transfer matrix, exactly.
  CHECK(KernelCurrents(t, p.mapping, kp, masks, 0, &state) ==
        KernelCurrents(t, p.mapping, kp, masks, 0));
  // Stress the rows of x = +1 (and so one row of each input) past τ.
  const std::vector<uint64_t> stress = PackedPatch(std::vector<int8_t>(k, 1), k);
  std::vector<float> extra(static_cast<size_t>(s.phases * t.cells.used_cols));
  uint8_t active = 0;
  for (int64_t mvm = 0; mvm < 200; ++mvm)
    state.ReadPatches(stress.data(), 1, mvm, extra.data(), &active);
  const std::vector<double> got = KernelCurrents(t, p.mapping, kp, masks, 0, &state);
  NodalReadSolver solver;
  solver.Reset({2.0, 1.0, 30.0, 30.0}, c.device.v_read_v, 64, 40);
  float* g = solver.cells().data();
  for (int64_t e = 0; e < 64 * 40; ++e) g[e] = t.cells.current_ua[e];
  for (int64_t i = 0; i < k; ++i)
    for (int plane = 0; plane < 2; ++plane)
      for (int64_t col = 0; col < t.cells.used_cols; ++col)
        g[(i * 2 + plane) * 40 + col] = state.CellCurrentUa(plane * k + i, col);
  std::vector<uint8_t> driven(64, 0);
  for (int64_t i = 0; i < k; ++i) driven[2 * i + (x[i] < 0)] = 1;
  std::vector<double> want(static_cast<size_t>(t.cells.used_cols));
  solver.Solve(driven, t.cells.used_cols, want.data());
  CHECK(got == want);
  CHECK(MaxDiff(got, KernelCurrents(t, p.mapping, kp, masks, 0)) >
        0.01 * MaxAbs(got));  // it decayed
}

TEST_CASE("IR drop: the full model composes with C2C, reproducibly for any batching and threads") {
  std::mt19937_64 rng(29);
  const int64_t k = 90, m = 30, n = 120, positions = 4;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 0, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 0, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kTnnV, {128, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kPositive;
  c.adc.bits = 7;
  c.adc.range = AdcRangeMode::kMappingMax;
  c.noise.d2d = {0.5, 1.5};
  c.ir_drop = {IrDropModel::kFull, 1.0, 1.0, 100.0, 100.0};
  auto quiet = MustCreate(p, c)->NewWorker();
  const std::vector<int32_t> noiseless = RunPatches(*quiet, p, x, n);
  c.noise.c2c = {0.5, 1.5};
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
  CHECK(Mismatches(one, noiseless) > 0);  // read noise is not dropped with the full model
  auto a = engine->NewWorker(), b = engine->NewWorker();
  std::thread t1([&] {
    run(*a, 0, 8, two);
    run(*a, 60, n, two);
  });
  std::thread t2([&] { run(*b, 8, 60, two); });
  t1.join();
  t2.join();
  CHECK(two == one);
}

TEST_CASE("IR drop: the full model follows read disturb, and refresh at fp 1 undoes it") {
  std::mt19937_64 rng(30);
  const int64_t k = 60, m = 30, n = 300;
  const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
  const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
  const Program p = DenseProgram(w, m, k, Mapping::kBnnIII, {64, 64});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.device.v_read_v = -0.6;
  c.ir_drop = {IrDropModel::kFull, 0.5, 0.5, 20.0, 20.0};
  auto plain = MustCreate(p, c)->NewWorker();
  const std::vector<int32_t> wired = RunPatches(*plain, p, x, n);
  // −0.6 V, 0.1 µs reads: τ(0) is about ten reads.
  c.read_disturb.enabled = true;
  c.read_disturb.t_read_s = 1e-7;
  auto disturbed = MustCreate(p, c)->NewWorker();
  const std::vector<int32_t> decayed = RunPatches(*disturbed, p, x, n);
  CHECK(Mismatches(decayed, wired) > n * m / 20);
  c.read_disturb.mitigation = DisturbMitigation::kSoftware;
  c.read_disturb.fp = 1.0;
  auto refreshed = MustCreate(p, c)->NewWorker();
  CHECK(RunPatches(*refreshed, p, x, n) == wired);
}

}  // namespace
}  // namespace cim::sim
