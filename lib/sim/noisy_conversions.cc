#include "sim/noisy_conversions.h"

#include <cmath>

#include "sim/conversion_stats.h"
#include "sim/normal_draws.h"
#include "sim/round_half_away.h"
#include "sim/vector_clones.h"

namespace cim::sim {
namespace {

// input[e] for e = j·nc + ci: the conversion's column current minus its
// reference (the paired column, or the HRS offset of the driven rows).
void GatherInputs(const MappingScheme& s, int64_t outputs, int64_t used_cols,
                  const PatchConversionInput& in, double* input, double* variance) {
  const int nc = s.num_conversions;
  for (int ci = 0; ci < nc; ++ci) {
    const Conversion& cv = s.conv[ci];
    const double* cur = in.current + cv.phase * used_cols;
    const double* plus = cur + cv.col_plus;
    if (cv.differential()) {
      const double* minus = cur + cv.col_minus;
      for (int64_t j = 0; j < outputs; ++j) input[j * nc + ci] = plus[j * s.cols] - minus[j * s.cols];
    } else {
      const double offset = in.offset_ua[cv.phase];
      for (int64_t j = 0; j < outputs; ++j) input[j * nc + ci] = plus[j * s.cols] - offset;
    }
    if (in.variance == nullptr) continue;
    const double* var = in.variance + cv.phase * used_cols;
    for (int64_t j = 0; j < outputs; ++j) {
      double v = var[j * s.cols + cv.col_plus];
      if (cv.differential()) v += var[j * s.cols + cv.col_minus];
      variance[j * nc + ci] = v;
    }
  }
}

CIM_VECTOR_CLONES void AddScaledNoise(int64_t n, const double* variance, const double* z,
                                      double* input) {
  for (int64_t e = 0; e < n; ++e) input[e] += std::sqrt(variance[e]) * z[e];
}

// One Gaussian per conversion: the sum of the driven cells' independent read
// noises is exactly N(0, Σσ²) (crossbar-model.md §4 "Ours").
void AddReadNoise(uint64_t key, int64_t n, const double* variance, ConversionScratch& sc,
                  double* input) {
  double* z = sc.normal.data();
  NormalDraws(key, 0, n, sc.draws, z);
  AddScaledNoise(n, variance, z, input);
}

// The quantiser of AdcModel::Convert over an array, branch-free.
CIM_VECTOR_CLONES void Quantise(const AdcModel& adc, int64_t n, const double* input,
                                double* level, int32_t* code, int8_t* clipped) {
  const double lo = adc.lo_ua, hi = adc.hi_ua, step = adc.step_ua;
  for (int64_t e = 0; e < n; ++e) {
    const double x = input[e];
    const double t = x < lo ? lo : (x > hi ? hi : x);
    clipped[e] = static_cast<int8_t>((x > hi) - (x < lo));
    const int64_t c = RoundHalfAway((t - lo) / step);
    code[e] = static_cast<int32_t>(c);
    level[e] = lo + static_cast<double>(c) * step;
  }
}

}  // namespace

void ConvertPatch(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                  const PatchConversionInput& in, ConversionScratch& sc, int64_t* code_hist,
                  LocalAdcStats& stats, int32_t* out) {
  const int64_t outputs = tile.cells.outputs, nc = s.num_conversions, n = outputs * nc;
  sc.Reserve(n);
  double* input = sc.input.data();
  GatherInputs(s, outputs, tile.cells.used_cols, in, input, sc.variance.data());
  if (in.variance != nullptr) AddReadNoise(in.noise_key, n, sc.variance.data(), sc, input);

  const bool quantising = tile.adc.kind != AdcKind::kInf;
  const double* level = input;  // INF: the level is the input itself
  stats.conversions += n;
  if (quantising) {
    Quantise(tile.adc, n, input, sc.level.data(), sc.code.data(), sc.clipped.data());
    level = sc.level.data();
    for (int64_t e = 0; e < n; ++e) {
      ++code_hist[sc.code[e]];
      stats.clipped_low += sc.clipped[e] < 0;
      stats.clipped_high += sc.clipped[e] > 0;
    }
  }
  for (int64_t e = 0; e < n; ++e) AddCurrentFixedPoint(stats.input, input[e]);

  const double inv_d_i = 1.0 / kp.d_i_ua;
  for (int64_t j = 0; j < outputs; ++j) {
    double levels = 0.0;
    for (int64_t ci = 0; ci < nc; ++ci) levels += s.conv[ci].coef * level[j * nc + ci];
    out[j] += static_cast<int32_t>(RoundHalfAway(levels * inv_d_i + in.digital[j]));
  }
}

}  // namespace cim::sim
