// The subset-sum D2D kernel equals the naive sum of the driven rows'
// deviations, for every mapping family, ragged k and inputs with zeros.

#include "sim/d2d_deviation.h"

#include <catch2/catch.hpp>

#include "sim/drive_masks.h"
#include "sim/sim_test_util.h"

namespace cim::sim {
namespace {

bool InSet(int8_t x, InputSet s) {
  switch (s) {
    case InputSet::kNone: return false;
    case InputSet::kPlus: return x == 1;
    case InputSet::kMinus: return x == -1;
    case InputSet::kZero: return x == 0;
    case InputSet::kActive: return x != 0;
  }
  return false;
}

TEST_CASE("D2D subset sums equal the naive driven-row sums") {
  std::mt19937_64 rng(9);
  for (const MappingTraits& t : AllMappings()) {
    for (int64_t k : {1, 3, 4, 7, 64, 70, 128}) {
      for (const std::vector<int8_t>& alphabet :
           {std::vector<int8_t>{-1, 1}, std::vector<int8_t>{-1, 1, 1, -1, 0},
            std::vector<int8_t>{-1, 0, 1}}) {
        INFO(t.name << " k=" << k << " zeros " << (alphabet.size() > 2));
        const int64_t m = 5, n = 40;
        const std::vector<int8_t> w = testing::RandomValues(rng, m * k, {-1, 1});
        const Program p = testing::DenseProgram(w, m, k, t.mapping, {256, 256});
        const auto& op = std::get<XbarLinearOp>(p.ops[0]);
        NoiseConfig noise;
        noise.d2d = {0.7, 1.9};
        CellStats stats;
        const MappingScheme& s = SchemeFor(t.mapping);
        auto cells = ProgramTileCells(op, 0, op.tiles[0], s, p.geometry, DeviceConfig{}, noise, 5,
                                      stats);
        REQUIRE(cells.ok());
        const std::vector<int8_t> x = testing::RandomValues(rng, n * k, alphabet);
        std::vector<uint64_t> masks(n * kNumInputSets * cells->words);
        for (int64_t q = 0; q < n; ++q)
          PackInputSets(x.data() + q * k, k, cells->words, masks.data() + q * kNumInputSets * cells->words);
        TileBatch batch;
        batch.patches = x.data();
        batch.patch_stride = k;
        batch.count = n;
        TileScratch scratch;
        ComputeD2dDeviations(*cells, s, batch, masks.data(), scratch);
        double worst = 0.0;
        for (int ph = 0; ph < s.phases; ++ph) {
          for (int64_t q = 0; q < n; ++q) {
            for (int64_t col = 0; col < cells->used_cols; ++col) {
              double expected = 0.0;
              for (int plane = 0; plane < s.planes; ++plane)
                for (int64_t i = 0; i < k; ++i)
                  if (InSet(x[q * k + i], s.drive[ph][plane]))
                    expected += cells->d2d_deviation_ua(plane * k + i, col);
              worst = std::max(worst, std::abs(scratch.deviation[ph](q, col) - expected));
            }
          }
        }
        CHECK(worst < 1e-3);
      }
    }
  }
}

}  // namespace
}  // namespace cim::sim
