#pragma once
// The ADC conversions of one patch when the column currents are real numbers
// (D2D, C2C, later IR drop): offset, read noise, quantisation, statistics and
// the mapping's recovery. Written as stages over arrays of conversions so
// that the arithmetic stages vectorise; the draws and roundings are the same
// IEEE operations in the same order as one conversion at a time, so the
// result does not depend on the CPU's vector width.

#include <cstdint>

#include "cim/sim/xbar_stats.h"
#include "sim/programmed_layer.h"
#include "sim/tile_kernel.h"

namespace cim::sim {

/// Local copies of the ADC statistics, merged once per batch.
struct LocalAdcStats {
  int64_t conversions = 0, clipped_low = 0, clipped_high = 0;
  FixedPointMoments input;
};

/// What the conversions of one patch need to know about its drive.
struct PatchConversionInput {
  const double* current = nullptr;   // [phase][used col] column current, µA
  const double* variance = nullptr;  // [phase][used col] C2C variance, µA² (null: no C2C)
  double offset_ua[2] = {0.0, 0.0};  // single-ended: n·HRS removed before the ADC, per phase
  uint64_t noise_key = 0;            // C2C: draw e of this key is conversion e's noise
  const double* digital = nullptr;   // [output] digitally known recovery term
};

/// Converts every conversion of one patch and adds the recovered outputs to
/// out[j]; conversion e = j·num_conversions + i is the i-th of output j.
void ConvertPatch(const ProgrammedTile& tile, const MappingScheme& s, const KernelParams& kp,
                  const PatchConversionInput& in, ConversionScratch& scratch, int64_t* code_hist,
                  LocalAdcStats& stats, int32_t* out);

}  // namespace cim::sim
