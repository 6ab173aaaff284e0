// crossbar-model.md §2 "Ours — exactness": with an INF ADC and no noise every
// mapping returns exactly W·x, for every tile size, HRS/LRS and input.

#include <catch2/catch.hpp>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::AllVectors;
using testing::DenseProgram;
using testing::IdealConfig;
using testing::Mismatches;
using testing::MustCreate;
using testing::NaiveProduct;
using testing::RandomValues;
using testing::RunPatches;

struct Device {
  double hrs, lrs;
};
const Device kDevices[] = {{5.0, 30.0}, {0.5, 4.0}, {10.0, 30.0}};

TEST_CASE("every mapping is exact on all weights and inputs of small tiles") {
  for (const MappingTraits& t : AllMappings()) {
    const std::vector<int8_t> weight_alphabet =
        t.ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1};
    for (int64_t k = 1; k <= 4; ++k) {
      // Every weight vector as one output; every input incl. zeros (ternary 0
      // or a BNN layer's zero padding) as one patch.
      const std::vector<int8_t> w = AllVectors(k, weight_alphabet);
      const int64_t m = static_cast<int64_t>(w.size()) / k;
      const std::vector<int8_t> x = AllVectors(k, {-1, 0, 1});
      const int64_t n = static_cast<int64_t>(x.size()) / k;
      const std::vector<int32_t> expected = NaiveProduct(w, m, k, x, n);
      // One tile holding everything, and a tiny crossbar that cuts the layer
      // into many row and column tiles.
      const CrossbarGeometry big{t.rows_per_input * k, t.cols_per_output * m};
      const CrossbarGeometry tiny{t.rows_per_input * 2, t.cols_per_output * 3};
      for (const CrossbarGeometry& g : {big, tiny}) {
        for (const Device& d : kDevices) {
          INFO(t.name << " k=" << k << " crossbar " << g.rows << "x" << g.cols << " HRS/LRS "
                      << d.hrs << "/" << d.lrs);
          const Program p = DenseProgram(w, m, k, t.mapping, g);
          auto engine = MustCreate(p, IdealConfig(p, d.hrs, d.lrs));
          auto worker = engine->NewWorker();
          CHECK(RunPatches(*worker, p, x, n) == expected);
        }
      }
    }
  }
}

TEST_CASE("every mapping is exact on random 256x256 tiles") {
  std::mt19937_64 rng(42);
  for (const MappingTraits& t : AllMappings()) {
    const TileCapacity cap = CapacityFor(t.mapping, 256, 256);
    // 2x2 tiles with ragged edges, so row-tile partial sums are exercised.
    const int64_t k = cap.inputs + cap.inputs / 3, m = cap.outputs + 5;
    const std::vector<int8_t> w =
        RandomValues(rng, static_cast<size_t>(m * k), t.ternary ? std::vector<int8_t>{-1, 0, 1}
                                                                : std::vector<int8_t>{-1, 1});
    const int64_t n = 300;
    // BNN: ±1 with a little zero padding; TNN: a third zeros.
    const std::vector<int8_t> x = RandomValues(
        rng, static_cast<size_t>(n * k),
        t.ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1, -1, 1, -1, 1, 0});
    const std::vector<int32_t> expected = NaiveProduct(w, m, k, x, n);
    const Program p = DenseProgram(w, m, k, t.mapping, {256, 256});
    for (const Device& d : kDevices) {
      INFO(t.name << " HRS/LRS " << d.hrs << "/" << d.lrs);
      auto engine = MustCreate(p, IdealConfig(p, d.hrs, d.lrs));
      auto worker = engine->NewWorker();
      CHECK(Mismatches(RunPatches(*worker, p, x, n), expected) == 0);
    }
  }
}

TEST_CASE("a coarse 2-bit ADC is not exact") {
  std::mt19937_64 rng(7);
  for (const MappingTraits& t : AllMappings()) {
    const int64_t k = 64, m = 16, n = 50;
    const std::vector<int8_t> w = RandomValues(rng, m * k, {-1, 1});
    const std::vector<int8_t> x = RandomValues(rng, n * k, {-1, 1});
    const Program p = DenseProgram(w, m, k, t.mapping, {128, 128});
    XbarConfig c = IdealConfig(p, 5.0, 30.0);
    c.adc.kind = AdcKindFor(t.mapping);
    c.adc.bits = 2;
    c.adc.range = AdcRangeMode::kMappingMax;
    auto engine = MustCreate(p, c);
    auto worker = engine->NewWorker();
    INFO(t.name);
    CHECK(Mismatches(RunPatches(*worker, p, x, n), NaiveProduct(w, m, k, x, n)) > 0);
  }
}

}  // namespace
}  // namespace cim::sim
