#include "sim/tile_kernel.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sim/column_counts.h"
#include "sim/conversion_stats.h"
#include "sim/counter_rng.h"
#include "sim/d2d_deviation.h"
#include "sim/drive_masks.h"
#include "sim/noisy_conversions.h"
#include "sim/round_half_away.h"

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
  bool all_active = false;  // no zero input: precomputed full-tile sums apply
  int driven[2] = {0, 0};   // rows driven per phase
  double digital_const = 0.0;     // digital term's part shared by all outputs
  int weight_sum_sign = 0;        // ± Σ w_j enters the digital term
  bool weight_sum_active = false;  // ... over the active inputs only (else all)
  const uint64_t* Set(InputSet s) const { return masks + static_cast<int>(s) * words; }
};

PatchDrive DescribePatch(const MappingScheme& s, const uint64_t* masks, int words) {
  PatchDrive d;
  d.masks = masks;
  d.words = words;
  const int plus = Popcount(d.Set(InputSet::kPlus), words);
  const int minus = Popcount(d.Set(InputSet::kMinus), words);
  d.all_active = Popcount(d.Set(InputSet::kZero), words) == 0;
  for (int ph = 0; ph < s.phases; ++ph) {
    for (int plane = 0; plane < s.planes; ++plane) {
      d.driven[ph] += Popcount(d.Set(s.drive[ph][plane]), words);
    }
  }
  switch (s.digital) {
    case DigitalTerm::kNone: break;
    case DigitalTerm::kMinusActiveWeightSum: d.weight_sum_sign = -1; break;
    case DigitalTerm::kPlusActiveWeightSum: d.weight_sum_sign = 1; break;
    case DigitalTerm::kMinusVecSum: d.digital_const = -(plus - minus); break;
    case DigitalTerm::kPlusVecSum: d.digital_const = plus - minus; break;
    case DigitalTerm::kMinusActiveCount: d.digital_const = -(plus + minus); break;
    case DigitalTerm::kMinusTileWeightSum: d.weight_sum_sign = -1; break;
  }
  d.weight_sum_active = !d.all_active && (s.digital == DigitalTerm::kMinusActiveWeightSum ||
                                          s.digital == DigitalTerm::kPlusActiveWeightSum);
  return d;
}

// The digitally known part of output j's recovery.
inline double DigitalPart(const TileCells& c, const PatchDrive& d, int64_t j) {
  if (d.weight_sum_sign == 0) return d.digital_const;
  int ws = c.weight_sum[j];
  if (d.weight_sum_active) {
    const uint64_t* active = d.Set(InputSet::kActive);
    ws = PopcountAnd(active, c.weight_plus.data() + j * c.words, c.words) -
         PopcountAnd(active, c.weight_minus.data() + j * c.words, c.words);
  }
  return d.digital_const + d.weight_sum_sign * ws;
}

// counts[ph·used_cols + col] = driven LRS cells of column col in phase ph.
void CountPatch(const MappingScheme& s, const TileCells& c, const PatchDrive& d, int32_t* counts) {
  for (int ph = 0; ph < s.phases; ++ph) {
    int32_t* cnt = counts + ph * c.used_cols;
    if (ph == 1 && s.phase1_complements_phase0) {
      // Phase 1 drives the active inputs phase 0 does not.
      const int32_t* cnt0 = counts;
      if (d.all_active) {
        for (int64_t col = 0; col < c.used_cols; ++col) cnt[col] = c.lrs_count_plane0[col] - cnt0[col];
      } else {
        for (int64_t col = 0; col < c.used_cols; ++col) cnt[col] = -cnt0[col];
        AddColumnCounts(d.Set(InputSet::kActive), c.LrsMaskPlane(0), c.used_cols, c.words, cnt);
      }
      continue;
    }
    for (int64_t col = 0; col < c.used_cols; ++col) cnt[col] = 0;
    for (int plane = 0; plane < s.planes; ++plane) {
      if (s.drive[ph][plane] == InputSet::kNone) continue;
      AddColumnCounts(d.Set(s.drive[ph][plane]), c.LrsMaskPlane(plane), c.used_cols, c.words, cnt);
    }
  }
}

// Without D2D and C2C every ADC input is d·dI with an integer d: look the
// conversion up and count how often each d occurs (the statistics are folded
// from those counts once per batch, identical to recording each conversion).
template <int kConversions>
void IdealConversions(const ProgrammedTile& tile, const MappingScheme& s, const PatchDrive& d,
                      const int32_t* counts, int64_t* value_hist, int32_t* out) {
  const TileCells& c = tile.cells;
  const int64_t k = c.inputs;
  const double* level_units = tile.count_level_units.data();
  for (int64_t j = 0; j < c.outputs; ++j) {
    double y = DigitalPart(c, d, j);
    const int64_t base = j * s.cols;
    for (int ci = 0; ci < kConversions; ++ci) {
      const Conversion& cv = s.conv[ci];
      const int32_t* cnt = counts + cv.phase * c.used_cols + base;
      const int64_t idx = k + cnt[cv.col_plus] - (cv.differential() ? cnt[cv.col_minus] : 0);
      ++value_hist[idx];
      y += cv.coef * level_units[idx];
    }
    out[j] += static_cast<int32_t>(RoundHalfAway(y));
  }
}

// Column currents (and C2C variances) of one patch, for every phase and used
// column, in straight loops the compiler vectorises.
void PatchCurrents(const TileCells& c, const MappingScheme& s, const KernelParams& kp,
                   const PatchDrive& d, const int32_t* counts, const float* const dev[2],
                   const float* extra, double* current, double* variance) {
  for (int ph = 0; ph < s.phases; ++ph) {
    const int32_t* cnt = counts + ph * c.used_cols;
    double* cur = current + ph * c.used_cols;
    const double base = d.driven[ph] * kp.hrs_ua;
    for (int64_t col = 0; col < c.used_cols; ++col) cur[col] = base + cnt[col] * kp.d_i_ua;
    if (dev[ph] != nullptr) {
      for (int64_t col = 0; col < c.used_cols; ++col) cur[col] += dev[ph][col];
    }
    if (extra != nullptr) {
      const float* ex = extra + ph * c.used_cols;
      for (int64_t col = 0; col < c.used_cols; ++col) cur[col] += ex[col];
    }
    if (kp.c2c) {
      double* var = variance + ph * c.used_cols;
      const double var_base = d.driven[ph] * kp.c2c_var_hrs;
      const double var_step = kp.c2c_var_lrs - kp.c2c_var_hrs;
      for (int64_t col = 0; col < c.used_cols; ++col) var[col] = var_base + cnt[col] * var_step;
    }
  }
}

// Adds `n` conversions of input value_ua with ADC answer `a` to `stats`.
void FoldRepeated(AdcStats& stats, double value_ua, const AdcSample& a, int64_t n,
                  bool quantising) {
  stats.conversions += n;
  if (a.clipped < 0) stats.clipped_low += n;
  if (a.clipped > 0) stats.clipped_high += n;
  if (quantising) stats.code_histogram[static_cast<size_t>(a.code)] += n;
  FixedPointMoments one;
  AddCurrentFixedPoint(one, value_ua);
  FixedPointMoments& m = stats.input_current;
  m.count += n;
  m.sum += one.sum * n;
  m.sum_sq += one.sum_sq * n;
  m.min_fp = std::min(m.min_fp, one.min_fp);
  m.max_fp = std::max(m.max_fp, one.max_fp);
}

}  // namespace

void RunTileBatch(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                  const TileBatch& batch, TileScratch& scratch, AdcStats& stats) {
  const TileCells& c = tile.cells;
  const int words = c.words;
  const int64_t set_words = int64_t{kNumInputSets} * words;
  const uint64_t* masks = batch.masks;
  if (masks == nullptr) {
    scratch.masks.resize(static_cast<size_t>(batch.count * set_words));
    for (int64_t p = 0; p < batch.count; ++p) {
      PackInputSets(batch.patches + p * batch.patch_stride, c.inputs, words,
                    scratch.masks.data() + p * set_words);
    }
    masks = scratch.masks.data();
  }
  // IR drop reads the realised cell currents directly (D2D, drift included).
  const bool ir_drop = tile.ir_drop.model != IrDropModel::kNone;
  const bool d2d = c.d2d_deviation_ua.size() > 0 && !ir_drop;
  const bool noisy = d2d || kp.c2c || ir_drop;
  // Read disturb decides per patch (so batching cannot change which path a
  // patch takes): a patch without disturbed driven cells stays on the exact
  // integer path.
  const bool any_extra = batch.extra_current_ua != nullptr;
  if (d2d) ComputeD2dDeviations(c, s, batch, masks, scratch);
  scratch.counts.resize(static_cast<size_t>(s.phases * c.used_cols));
  int32_t* counts = scratch.counts.data();
  const bool quantising = tile.adc.kind != AdcKind::kInf;
  if (noisy || any_extra) {
    scratch.current.resize(scratch.counts.size());
    scratch.variance.resize(scratch.counts.size());
  }
  if (!noisy) scratch.value_hist.assign(tile.count_samples.size(), 0);
  LocalAdcStats local;

  for (int64_t p = 0; p < batch.count; ++p) {
    const PatchDrive d = DescribePatch(s, masks + p * set_words, words);
    if (!ir_drop) CountPatch(s, c, d, counts);  // IR drop needs no counts
    int32_t* out = batch.out + p * batch.out_stride;
    const bool extra_here = any_extra && batch.extra_active[p] != 0;
    if (!noisy && !extra_here) {
      int64_t* hist = scratch.value_hist.data();
      switch (s.num_conversions) {
        case 1: IdealConversions<1>(tile, s, d, counts, hist, out); break;
        case 2: IdealConversions<2>(tile, s, d, counts, hist, out); break;
        default: IdealConversions<4>(tile, s, d, counts, hist, out); break;
      }
      continue;
    }
    const float* dev[2] = {d2d ? scratch.deviation[0].row(p).data() : nullptr,
                           d2d && s.phases > 1 ? scratch.deviation[1].row(p).data() : nullptr};
    const uint64_t key =
        kp.c2c ? DeriveKey(tile.c2c_key, static_cast<uint64_t>(batch.first_global_patch + p)) : 0;
    const float* extra =
        extra_here ? batch.extra_current_ua + p * s.phases * c.used_cols : nullptr;
    if (ir_drop) {
      IrDropPatchCurrents(tile, s, kp, d.masks, key, batch.disturb_view, scratch.ir_drop,
                          scratch.current.data());
    } else {
      PatchCurrents(c, s, kp, d, counts, dev, extra, scratch.current.data(),
                    scratch.variance.data());
    }
    ConversionScratch& conv = scratch.conversions;
    conv.Reserve(std::max<int64_t>(c.outputs * s.num_conversions, c.outputs));
    for (int64_t j = 0; j < c.outputs; ++j) conv.digital[j] = DigitalPart(c, d, j);
    PatchConversionInput in;
    in.current = scratch.current.data();
    in.variance = kp.c2c && !ir_drop ? scratch.variance.data() : nullptr;  // IR drop: in the cells
    for (int ph = 0; ph < s.phases; ++ph) in.offset_ua[ph] = d.driven[ph] * kp.hrs_ua;
    in.noise_key = key;
    in.digital = conv.digital.data();
    ConvertPatch(tile, s, kp, in, conv, quantising ? stats.code_histogram.data() : nullptr, local,
                 out);
  }

  stats.conversions += local.conversions;
  stats.clipped_low += local.clipped_low;
  stats.clipped_high += local.clipped_high;
  stats.input_current.Merge(local.input);
  if (noisy) return;
  const int64_t k = c.inputs;
  for (size_t idx = 0; idx < scratch.value_hist.size(); ++idx) {
    const int64_t n = scratch.value_hist[idx];
    if (n == 0) continue;
    const double value_ua = static_cast<double>(static_cast<int64_t>(idx) - k) * kp.d_i_ua;
    FoldRepeated(stats, value_ua, tile.count_samples[idx], n, quantising);
  }
}

}  // namespace cim::sim
