#include "sim/tile_kernel.h"

#include <bit>
#include <cmath>

#include "sim/conversion_stats.h"
#include "sim/counter_rng.h"
#include "sim/d2d_deviation.h"
#include "sim/drive_masks.h"

namespace cim::sim {
namespace {

inline int PopcountAnd(const uint64_t* a, const uint64_t* b, int words) {
  int n = 0;
  for (int w = 0; w < words; ++w) n += std::popcount(a[w] & b[w]);
  return n;
}

inline int Popcount(const uint64_t* a, int words) {
  int n = 0;
  for (int w = 0; w < words; ++w) n += std::popcount(a[w]);
  return n;
}

// The per-patch facts every output of the tile shares.
struct PatchDrive {
  const uint64_t* masks = nullptr;  // [InputSet][word]
  int words = 0;
  bool all_active = false;          // no zero input: precomputed full-tile sums apply
  int driven[2] = {0, 0};           // rows driven per phase
  int plus = 0, minus = 0;          // P, Q
  const uint64_t* Set(InputSet s) const { return masks + static_cast<int>(s) * words; }
};

PatchDrive DescribePatch(const MappingScheme& s, const uint64_t* masks, int words) {
  PatchDrive d;
  d.masks = masks;
  d.words = words;
  d.plus = Popcount(d.Set(InputSet::kPlus), words);
  d.minus = Popcount(d.Set(InputSet::kMinus), words);
  d.all_active = Popcount(d.Set(InputSet::kZero), words) == 0;
  for (int ph = 0; ph < s.phases; ++ph) {
    for (int plane = 0; plane < s.planes; ++plane) {
      d.driven[ph] += Popcount(d.Set(s.drive[ph][plane]), words);
    }
  }
  return d;
}

// Σ_{x≠0} w_j, known digitally from the weights.
int ActiveWeightSum(const TileCells& c, const PatchDrive& d, int64_t j) {
  if (d.all_active) return c.weight_sum[j];
  const uint64_t* active = d.Set(InputSet::kActive);
  return PopcountAnd(active, c.weight_plus.data() + j * c.words, c.words) -
         PopcountAnd(active, c.weight_minus.data() + j * c.words, c.words);
}

double DigitalTermOf(const MappingScheme& s, const TileCells& c, const PatchDrive& d, int64_t j) {
  switch (s.digital) {
    case DigitalTerm::kNone: return 0.0;
    case DigitalTerm::kMinusActiveWeightSum: return -ActiveWeightSum(c, d, j);
    case DigitalTerm::kPlusActiveWeightSum: return ActiveWeightSum(c, d, j);
    case DigitalTerm::kMinusVecSum: return -(d.plus - d.minus);
    case DigitalTerm::kPlusVecSum: return d.plus - d.minus;
    case DigitalTerm::kMinusActiveCount: return -(d.plus + d.minus);
    case DigitalTerm::kMinusTileWeightSum: return -c.weight_sum[j];
  }
  return 0.0;
}

// Driven LRS cells of column `col` in `phase`.
int DrivenLrsCount(const MappingScheme& s, const TileCells& c, const PatchDrive& d, int phase,
                   int64_t col, int phase0_count) {
  if (phase == 1 && s.phase1_complements_phase0) {
    const int active = d.all_active ? c.lrs_count_plane0[col]
                                    : PopcountAnd(d.Set(InputSet::kActive), c.LrsMask(0, col),
                                                  d.words);
    return active - phase0_count;
  }
  int n = 0;
  for (int plane = 0; plane < s.planes; ++plane) {
    if (s.drive[phase][plane] == InputSet::kNone) continue;
    n += PopcountAnd(d.Set(s.drive[phase][plane]), c.LrsMask(plane, col), d.words);
  }
  return n;
}

}  // namespace

void RunTileBatch(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                  const TileBatch& batch, TileScratch& scratch, AdcStats& stats) {
  const TileCells& c = tile.cells;
  const int words = c.words;
  const int64_t set_words = int64_t{kNumInputSets} * words;
  scratch.masks.resize(static_cast<size_t>(batch.count * set_words));
  for (int64_t p = 0; p < batch.count; ++p) {
    PackInputSets(batch.patches + p * batch.patch_stride, c.inputs, words,
                  scratch.masks.data() + p * set_words);
  }
  const bool d2d = c.d2d_deviation_ua.size() > 0;
  if (d2d) ComputeD2dDeviations(c, s, batch, scratch.masks.data(), scratch);
  const bool quantising = tile.adc.kind != AdcKind::kInf;
  const double inv_d_i = 1.0 / kp.d_i_ua;

  for (int64_t p = 0; p < batch.count; ++p) {
    const PatchDrive d = DescribePatch(s, scratch.masks.data() + p * set_words, words);
    const float* dev[2] = {d2d ? scratch.deviation[0].row(p).data() : nullptr,
                           d2d && s.phases > 1 ? scratch.deviation[1].row(p).data() : nullptr};
    const uint64_t noise_key = kp.c2c ? DeriveKey(tile.c2c_key, static_cast<uint64_t>(
                                                                    batch.first_global_patch + p))
                                      : 0;
    int32_t* out = batch.out + p * batch.out_stride;
    for (int64_t j = 0; j < c.outputs; ++j) {
      double current[2][2] = {}, variance[2][2] = {};
      for (int col = 0; col < s.cols; ++col) {
        const int64_t phys = j * s.cols + col;
        int count0 = 0;
        for (int ph = 0; ph < s.phases; ++ph) {
          const int lrs = DrivenLrsCount(s, c, d, ph, phys, count0);
          if (ph == 0) count0 = lrs;
          const int hrs = d.driven[ph] - lrs;
          current[ph][col] = lrs * kp.lrs_ua + hrs * kp.hrs_ua + (d2d ? dev[ph][phys] : 0.0f);
          variance[ph][col] = lrs * kp.c2c_var_lrs + hrs * kp.c2c_var_hrs;
        }
      }
      double levels = 0.0;
      for (int ci = 0; ci < s.num_conversions; ++ci) {
        const Conversion& cv = s.conv[ci];
        double input, var = variance[cv.phase][cv.col_plus];
        if (cv.differential()) {
          input = current[cv.phase][cv.col_plus] - current[cv.phase][cv.col_minus];
          var += variance[cv.phase][cv.col_minus];
        } else {
          input = current[cv.phase][cv.col_plus] - d.driven[cv.phase] * kp.hrs_ua;
        }
        if (kp.c2c && var > 0.0) {
          // One Gaussian per conversion: the sum of the driven cells'
          // independent read noises is exactly N(0, Σσ²) (§4 "Ours").
          input += std::sqrt(var) *
                   NormalDraw(noise_key, static_cast<uint64_t>(j * s.num_conversions + ci));
        }
        const AdcSample a = tile.adc.Convert(input);
        RecordConversion(stats, input, a, quantising);
        levels += cv.coef * a.level_ua;
      }
      out[j] += static_cast<int32_t>(std::round(levels * inv_d_i + DigitalTermOf(s, c, d, j)));
    }
  }
}

}  // namespace cim::sim
