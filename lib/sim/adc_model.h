#pragma once
// The ADC of one crossbar tile (crossbar-model.md §3): an ideal pass-through
// (INF) or a quantiser with L levels over [lo, hi] that returns an integer
// code and the current level the code stands for.

#include <cstdint>
#include <string>

#include "cim/sim/xbar_config.h"
#include "cim/support/status.h"
#include "sim/round_half_away.h"

namespace cim::sim {

/// One conversion's outcome.
struct AdcSample {
  double level_ua = 0.0;  // the current the code stands for (the input itself for INF)
  int32_t code = 0;       // 0 for INF
  int8_t clipped = 0;     // -1 below lo, +1 above hi, 0 inside
};

struct AdcModel {
  AdcKind kind = AdcKind::kInf;
  int32_t levels = 0;  // L = 2^b (POS) or 2^b − 1 (SYM); 0 for INF
  double lo_ua = 0.0, hi_ua = 0.0;
  double step_ua = 0.0;  // (hi − lo) / (L − 1)

  /// Converts an ADC input current (offset already applied): clip to
  /// [lo, hi], code = r((t − lo)/step), level = lo + code·step.
  AdcSample Convert(double input_ua) const {
    if (kind == AdcKind::kInf) return {input_ua, 0, 0};
    double t = input_ua;
    int8_t clipped = 0;
    if (t < lo_ua) {
      t = lo_ua;
      clipped = -1;
    } else if (t > hi_ua) {
      t = hi_ua;
      clipped = 1;
    }
    const int32_t code = static_cast<int32_t>(RoundHalfAway((t - lo_ua) / step_ua));
    return {lo_ua + code * step_ua, code, clipped};
  }
};

/// What a tile's ADC range depends on besides the config.
struct AdcTileContext {
  AdcPolarity polarity = AdcPolarity::kSymmetric;  // of the mapping
  int64_t physical_rows = 0;                        // rows of the crossbar (`max` range)
  int64_t max_driven_rows = 0;  // most rows one phase of this tile can drive (`mapping_max`)
  std::string layer;            // XbarLinearOp::name (`calibrated` range lookup)
};

/// Builds the ADC of one tile. Ranges: `max` = POS [0, rows·LRS], SYM
/// [−rows·dI, rows·dI]; `mapping_max` = POS [0, n·dI], SYM [−n·dI, n·dI] with
/// n = max_driven_rows (the ADC input after the HRS offset can never leave
/// it in an ideal crossbar); `calibrated` = the layer's entry; explicit [lo, hi].
/// Errors (InvalidArgument): bits outside [1, 16], an empty range, a layer
/// missing from the calibration.
Result<AdcModel> MakeTileAdc(const AdcConfig& adc, const DeviceConfig& device,
                             const AdcTileContext& tile);

}  // namespace cim::sim
