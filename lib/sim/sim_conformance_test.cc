// Conformance vectors of crossbar-model.md §7 (from the reference tool's
// tests): results accumulate into a pre-filled `res`; 32x32 crossbar,
// HRS 5 / LRS 30 µA.

#include <catch2/catch.hpp>

#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

using testing::DenseProgram;
using testing::IdealConfig;
using testing::MustCreate;
using testing::RunPatches;

std::vector<int32_t> Accumulate(std::vector<int32_t> res, const std::vector<int32_t>& y) {
  for (size_t i = 0; i < res.size(); ++i) res[i] += y[i];
  return res;
}

// Runs x on W with the given ADC (INF, or the mapping's kind with `bits`).
std::vector<int32_t> Run(Mapping mapping, const std::vector<int8_t>& w, int64_t m, int64_t k,
                         const std::vector<int8_t>& x, AdcKind kind, int bits) {
  const Program p = DenseProgram(w, m, k, mapping, {32, 32});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = kind;
  c.adc.bits = bits;
  c.adc.range = AdcRangeMode::kMappingMax;
  auto engine = MustCreate(p, c);
  auto worker = engine->NewWorker();
  return RunPatches(*worker, p, x, 1);
}

TEST_CASE("BNN conformance vectors pass on every mapping") {
  const std::vector<int8_t> w = {1, 1, -1, -1, 1, -1};  // [[1,1],[-1,-1],[1,-1]]
  for (const MappingTraits& t : AllMappings()) {
    // INF, and an 8-bit ADC whose mapping_max range steps in whole dI here.
    for (AdcKind kind : {AdcKind::kInf, AdcKindFor(t.mapping)}) {
      INFO(t.name << " ADC " << AdcKindName(kind));
      CHECK(Accumulate({1, -1, 1}, Run(t.mapping, w, 3, 2, {1, 1}, kind, 8)) ==
            std::vector<int32_t>{3, -3, 1});
      CHECK(Accumulate({0, 0, 0}, Run(t.mapping, w, 3, 2, {-1, 1}, kind, 8)) ==
            std::vector<int32_t>{0, 0, -2});
    }
  }
}

TEST_CASE("TNN conformance vectors pass on every TNN mapping") {
  const std::vector<int8_t> w = {1, 1, 1, -1, -1, -1, 0, -1, 1};
  for (const MappingTraits& t : AllMappings()) {
    if (!t.ternary) continue;
    for (AdcKind kind : {AdcKind::kInf, AdcKindFor(t.mapping)}) {
      INFO(t.name << " ADC " << AdcKindName(kind));
      CHECK(Accumulate({1, -1, 1}, Run(t.mapping, w, 3, 3, {1, -1, 0}, kind, 8)) ==
            std::vector<int32_t>{1, -1, 2});
      CHECK(Accumulate({0, 0, 0}, Run(t.mapping, w, 3, 3, {1, 0, 1}, kind, 8)) ==
            std::vector<int32_t>{2, -2, 1});
    }
  }
}

TEST_CASE("a 2-bit ADC over the max range misses the BNN conformance vector") {
  // `max` spans all 32 rows while two are driven: one 2-bit step is far wider
  // than dI, so the small sums here are lost.
  const std::vector<int8_t> w = {1, 1, -1, -1, 1, -1};
  const Program p = DenseProgram(w, 3, 2, Mapping::kBnnI, {32, 32});
  XbarConfig c = IdealConfig(p, 5.0, 30.0);
  c.adc.kind = AdcKind::kSymmetric;
  c.adc.bits = 2;
  c.adc.range = AdcRangeMode::kMax;
  auto engine = MustCreate(p, c);
  auto worker = engine->NewWorker();
  CHECK(RunPatches(*worker, p, {1, 1}, 1) != std::vector<int32_t>{2, -2, 0});
}

}  // namespace
}  // namespace cim::sim
