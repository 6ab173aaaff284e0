// The read-disturb state of one tile: stress counting, the kernel's current
// correction against the per-cell accessor, update windows and mitigation.
#include "sim/tile_disturb_state.h"

#include <catch2/catch.hpp>
#include <random>

#include "sim/drive_masks.h"
#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::RandomValues;

constexpr double kHrs = 5.0, kLrs = 30.0;

// One tile of a random dense layer, programmed without faults.
struct OneTile {
  Program program;
  TileCells cells;
  const MappingScheme* scheme = nullptr;
  ReadDisturbModel model{-0.4};

  OneTile(Mapping mapping, int64_t k, int64_t m, const NoiseConfig& noise = {}) {
    std::mt19937_64 rng(5);
    const bool ternary = Traits(mapping).ternary;
    program = DenseProgram(RandomValues(rng, static_cast<size_t>(m * k),
                                        ternary ? std::vector<int8_t>{-1, 0, 1}
                                                : std::vector<int8_t>{-1, 1}),
                           m, k, mapping, {64, 64});
    const auto& op = std::get<XbarLinearOp>(program.ops[0]);
    scheme = &SchemeFor(mapping);
    DeviceConfig dev;
    dev.hrs_ua = kHrs;
    dev.lrs_ua = kLrs;
    CellStats stats;
    auto c = ProgramTileCells(op, 0, op.tiles[0], *scheme, program.geometry, dev, noise, 7, stats);
    REQUIRE(c.ok());
    cells = std::move(c).value();
  }
};

// τ(0) at −0.4 V is 2.414e-4 s: with 1e-5 s reads a row fails after 25 reads.
ReadDisturbConfig Config(DisturbMitigation mitigation = DisturbMitigation::kNone) {
  ReadDisturbConfig c;
  c.enabled = true;
  c.t_read_s = 1e-5;
  c.mitigation = mitigation;
  return c;
}

std::vector<uint64_t> Pack(const std::vector<int8_t>& x, int64_t k) {
  std::vector<uint64_t> masks(static_cast<size_t>(kNumInputSets * MaskWords(k)));
  PackInputSets(x.data(), k, MaskWords(k), masks.data());
  return masks;
}

// One MVM; the correction is all zero when the patch meets no disturbed cell.
void Read(TileDisturbState& s, const std::vector<uint64_t>& masks, int64_t mvm,
          std::vector<float>& extra) {
  uint8_t active = 0;
  s.ReadPatches(masks.data(), 1, mvm, extra.data(), &active);
  if (active == 0) std::fill(extra.begin(), extra.end(), 0.0f);
}

// Σ over the rows driven in phase ph of (accessor current − programmed current).
std::vector<double> ExpectedExtra(const TileDisturbState& s, const OneTile& t,
                                  const std::vector<int8_t>& x) {
  const MappingScheme& sc = *t.scheme;
  const TileCells& c = t.cells;
  std::vector<double> e(static_cast<size_t>(sc.phases * c.used_cols), 0.0);
  const std::vector<uint64_t> masks = Pack(x, c.inputs);
  for (int ph = 0; ph < sc.phases; ++ph) {
    for (int plane = 0; plane < sc.planes; ++plane) {
      if (sc.drive[ph][plane] == InputSet::kNone) continue;
      const uint64_t* d = masks.data() + static_cast<int>(sc.drive[ph][plane]) * c.words;
      for (int64_t i = 0; i < c.inputs; ++i) {
        if (!((d[i / 64] >> (i % 64)) & 1)) continue;
        for (int64_t col = 0; col < c.used_cols; ++col) {
          const int64_t physical = (i * c.planes + plane) * c.cols + col;
          e[ph * c.used_cols + col] +=
              s.CellCurrentUa(plane * c.inputs + i, col) - c.current_ua[physical];
        }
      }
    }
  }
  return e;
}

TEST_CASE("read disturb counts reads only on driven rows and one per phase") {
  OneTile t(Mapping::kBnnIII, 8, 4);  // two phases: x=+1 rows, then x=-1 rows
  TileDisturbState s(t.cells, *t.scheme, Config(), t.model, kLrs);
  std::vector<float> extra(2 * t.cells.used_cols);
  const std::vector<int8_t> x = {1, -1, 1, 1, -1, -1, 1, 1};
  const std::vector<uint64_t> masks = Pack(x, 8);
  for (int n = 0; n < 3; ++n) Read(s, masks, n, extra);
  for (int64_t i = 0; i < 8; ++i) CHECK(s.reads_of_row(i) == 3);  // every active row, once per MVM

  OneTile v(Mapping::kBnnV, 8, 4);  // row (+) driven iff x=+1, row (−) iff x=−1
  TileDisturbState sv(v.cells, *v.scheme, Config(), v.model, kLrs);
  Read(sv, masks, 0, extra);
  for (int64_t i = 0; i < 8; ++i) {
    CHECK(sv.reads_of_row(i) == (x[i] == 1 ? 1u : 0u));       // plane 0
    CHECK(sv.reads_of_row(8 + i) == (x[i] == -1 ? 1u : 0u));  // plane 1
  }

  ReadDisturbConfig every = Config();
  every.counting = DisturbCounting::kEveryRead;
  TileDisturbState se(v.cells, *v.scheme, every, v.model, kLrs);
  Read(se, masks, 0, extra);
  for (int64_t r = 0; r < 16; ++r) CHECK(se.reads_of_row(r) == 1);
}

TEST_CASE("read disturb correction equals the per-cell accessor summed over driven rows") {
  for (Mapping mapping : {Mapping::kBnnI, Mapping::kBnnIII, Mapping::kBnnV, Mapping::kTnnII}) {
    for (DisturbMitigation mit : {DisturbMitigation::kNone, DisturbMitigation::kCellBased}) {
      INFO(MappingName(mapping) << " mitigation " << DisturbMitigationName(mit));
      NoiseConfig noise;
      noise.d2d = {0.5, 2.0};
      OneTile t(mapping, 20, 6, noise);
      ReadDisturbConfig cfg = Config(mit);
      cfg.tolerance = 0.05;
      TileDisturbState s(t.cells, *t.scheme, cfg, t.model, kLrs);
      std::mt19937_64 rng(3);
      std::vector<float> extra(static_cast<size_t>(t.scheme->phases * t.cells.used_cols));
      double largest = 0.0;
      for (int n = 0; n < 400; ++n) {
        const std::vector<int8_t> x = RandomValues(rng, 20, {-1, 0, 1, 1});
        const std::vector<double> expected = ExpectedExtra(s, t, x);  // state before this read
        const std::vector<uint64_t> masks = Pack(x, 20);
        Read(s, masks, n, extra);
        for (size_t j = 0; j < expected.size(); ++j) {
          CHECK(extra[j] == Approx(expected[j]).margin(1e-4));
          largest = std::max(largest, std::abs(expected[j]));
        }
      }
      CHECK(largest > 1.0);  // the cells did decay (µA)
    }
  }
}

TEST_CASE("read disturb without mitigation decays driven LRS cells and leaves HRS alone") {
  OneTile t(Mapping::kBnnI, 8, 4);
  TileDisturbState s(t.cells, *t.scheme, Config(), t.model, kLrs);
  const std::vector<int8_t> x = {1, 1, 1, 1, -1, -1, -1, -1};  // BNN_I drives x=+1 rows
  const std::vector<uint64_t> masks = Pack(x, 8);
  std::vector<float> extra(t.cells.used_cols);
  for (int n = 0; n < 1000; ++n) Read(s, masks, n, extra);
  const double expected = t.model.ConductanceRatio(1000 * 1e-5, uint64_t{0});
  for (int64_t col = 0; col < t.cells.used_cols; ++col) {
    for (int64_t i = 0; i < 8; ++i) {
      const bool lrs = t.cells.is_lrs[i * t.cells.cols + col] != 0;
      const double ratio = s.ConductanceRatio(i, col);
      if (!lrs || x[i] != 1) {
        CHECK(ratio == 1.0);
        CHECK(s.CellCurrentUa(i, col) == (lrs ? kLrs : kHrs));
      } else {
        CHECK(ratio == Approx(expected).epsilon(1e-6));
      }
    }
  }
  // The row accessor the IR-drop ladder reads agrees with the per-cell one.
  std::vector<float> row_ua(t.cells.used_cols);
  for (int64_t i = 0; i < 8; ++i) {
    s.RowCurrentsUa(i, row_ua.data());
    for (int64_t col = 0; col < t.cells.used_cols; ++col) CHECK(row_ua[col] == s.CellCurrentUa(i, col));
  }
  ReadDisturbStats st;
  s.AddStats(st);
  CHECK(st.refreshes == 0);
  CHECK(st.cycles_max == 0);
  CHECK(st.MeanRatio() < 1.0);
}

TEST_CASE("read disturb update interval freezes conductances over windows of global MVMs") {
  for (DisturbMitigation mit : {DisturbMitigation::kNone, DisturbMitigation::kCellBased}) {
    INFO(DisturbMitigationName(mit));
    OneTile t(Mapping::kBnnI, 8, 4);
    ReadDisturbConfig cfg = Config(mit);
    cfg.update_interval_mvms = 10;
    cfg.tolerance = 0.05;
    TileDisturbState s(t.cells, *t.scheme, cfg, t.model, kLrs);
    const std::vector<int8_t> x(8, 1);
    const std::vector<uint64_t> masks = Pack(x, 8);
    std::vector<float> extra(t.cells.used_cols);
    std::vector<std::vector<float>> seen;
    for (int n = 0; n < 100; ++n) {
      Read(s, masks, n, extra);
      seen.push_back(extra);
    }
    for (int n = 0; n < 100; ++n) {
      INFO("MVM " << n);
      if (n % 10 != 0) CHECK(seen[n] == seen[n - 1]);  // same window
    }
    CHECK(seen[99] != seen[89]);  // but it does change between windows
    CHECK(s.reads_of_row(0) == 100);  // stress itself counts every read
  }
}

TEST_CASE("read disturb counting without corrections (IR drop) evolves the same state") {
  for (DisturbMitigation mit : {DisturbMitigation::kNone, DisturbMitigation::kCellBased}) {
    INFO(DisturbMitigationName(mit));
    NoiseConfig noise;
    noise.d2d = {0.5, 2.0};
    OneTile t(Mapping::kBnnI, 16, 8, noise);
    ReadDisturbConfig cfg = Config(mit);
    cfg.tolerance = 0.05;
    TileDisturbState with(t.cells, *t.scheme, cfg, t.model, kLrs);
    TileDisturbState counting(t.cells, *t.scheme, cfg, t.model, kLrs);
    std::mt19937_64 rng(2);
    std::vector<float> extra(t.cells.used_cols);
    for (int n = 0; n < 500; ++n) {
      const std::vector<uint64_t> masks = Pack(RandomValues(rng, 16, {-1, 1}), 16);
      Read(with, masks, n, extra);
      counting.ReadPatches(masks.data(), 1, n, nullptr, nullptr);
    }
    for (int64_t row = 0; row < with.rows(); ++row) {
      CHECK(with.reads_of_row(row) == counting.reads_of_row(row));
      for (int64_t col = 0; col < with.cols(); ++col) {
        CHECK(with.CellCurrentUa(row, col) == counting.CellCurrentUa(row, col));
      }
    }
  }
}

TEST_CASE("software refresh keeps every cell at its programmed current with fp 1") {
  OneTile t(Mapping::kBnnI, 8, 4);
  TileDisturbState s(t.cells, *t.scheme, Config(DisturbMitigation::kSoftware), t.model, kLrs);
  const std::vector<int8_t> x(8, 1);
  const std::vector<uint64_t> masks = Pack(x, 8);
  std::vector<float> extra(t.cells.used_cols);
  for (int n = 0; n < 500; ++n) {
    Read(s, masks, n, extra);
    for (float e : extra) REQUIRE(e == 0.0f);
  }
  ReadDisturbStats st;
  s.AddStats(st);
  // τ(1 + R) / t_read reads between refreshes: 23, 22, ... (τ shrinks with cycles).
  CHECK(st.refreshes > 500 / 25);
  CHECK(st.refreshes < 500 / 15);
  CHECK(st.refreshed_cells == st.refreshes * st.lrs_cells);
  CHECK(st.cycles_max == st.refreshes);
  CHECK(st.MeanCycles() == Approx(st.refreshes));
  CHECK(st.MeanRatio() == 1.0);
}

TEST_CASE("software refresh with fp above 1 lets cells decay before refreshing") {
  OneTile t(Mapping::kBnnI, 8, 4);
  ReadDisturbConfig cfg = Config(DisturbMitigation::kSoftware);
  cfg.fp = 50.0;
  TileDisturbState s(t.cells, *t.scheme, cfg, t.model, kLrs);
  const std::vector<uint64_t> masks = Pack(std::vector<int8_t>(8, 1), 8);
  std::vector<float> extra(t.cells.used_cols);
  float lowest = 0.0f;
  for (int n = 0; n < 3000; ++n) {
    Read(s, masks, n, extra);
    for (float e : extra) lowest = std::min(lowest, e);
  }
  ReadDisturbStats st;
  s.AddStats(st);
  CHECK(st.refreshes >= 2);
  CHECK(lowest < -1.0f);
}

TEST_CASE("cell based refresh re-programs exactly the cells past the tolerance") {
  NoiseConfig noise;
  noise.d2d = {0.0, 2.0};
  OneTile t(Mapping::kBnnI, 16, 8, noise);
  ReadDisturbConfig cfg = Config(DisturbMitigation::kCellBased);
  cfg.tolerance = 0.05;
  TileDisturbState s(t.cells, *t.scheme, cfg, t.model, kLrs);
  std::mt19937_64 rng(9);
  std::vector<float> extra(t.cells.used_cols);
  for (int n = 0; n < 3000; ++n) {
    const std::vector<uint64_t> masks = Pack(RandomValues(rng, 16, {-1, 1}), 16);
    Read(s, masks, n, extra);
    // After every update no LRS cell has drifted more than tol·LRS.
    for (int64_t row = 0; row < 16; ++row) {
      for (int64_t col = 0; col < t.cells.used_cols; ++col) {
        const float programmed = t.cells.current_ua[row * t.cells.cols + col];
        REQUIRE(programmed - s.CellCurrentUa(row, col) <= 0.05 * kLrs + 1e-4);
      }
    }
  }
  std::vector<float> row_ua(t.cells.used_cols);
  for (int64_t row = 0; row < 16; ++row) {
    s.RowCurrentsUa(row, row_ua.data());
    for (int64_t col = 0; col < t.cells.used_cols; ++col) CHECK(row_ua[col] == s.CellCurrentUa(row, col));
  }
  ReadDisturbStats st;
  s.AddStats(st);
  CHECK(st.refreshed_cells > 0);
  CHECK(st.refreshes > 0);
  CHECK(st.refreshes <= 3000);
  CHECK(st.cycles_sum == st.refreshed_cells);  // every re-programming is one cycle
  CHECK(st.cycles_max >= 1);
  CHECK(st.MeanRatio() > 1.0 - 0.05 * kLrs / 24.0);  // no cell below its refresh point
}

TEST_CASE("read disturb flags cells driven past the cycle limit") {
  OneTile t(Mapping::kBnnI, 2, 2);
  ReadDisturbConfig cfg = Config(DisturbMitigation::kSoftware);
  cfg.t_read_s = 1.0;  // every read is past τ: one refresh per MVM
  TileDisturbState s(t.cells, *t.scheme, cfg, t.model, kLrs);
  const std::vector<uint64_t> masks = Pack({1, 1}, 2);
  std::vector<float> extra(t.cells.used_cols);
  ReadDisturbStats before;
  s.AddStats(before);
  CHECK_FALSE(before.past_cycle_limit);
  // (1/k)^(1/m) ≈ 1.48e6 cycles reach k·N^m >= 1.
  for (int n = 0; n < 1500000; ++n) Read(s, masks, n, extra);
  ReadDisturbStats st;
  s.AddStats(st);
  CHECK(st.past_cycle_limit);
  CHECK(st.cycles_max > 1400000);
}

}  // namespace
}  // namespace cim::sim
