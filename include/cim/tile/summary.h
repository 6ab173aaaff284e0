#pragma once
// Per-layer crossbar footprint of a program (`cimc --summary`).

#include <string>
#include <vector>

#include "cim/tile/program.h"

namespace cim {

struct LayerFootprint {
  std::string name;
  std::string kind;         // "xbar conv", "xbar dense", "digital conv", ...
  int64_t tiles = 0;        // crossbars the layer occupies
  int64_t cells_used = 0;   // cells holding a part of a weight
  int64_t cells_total = 0;  // tiles x rows x cols
  int64_t mvms_per_image = 0;  // tile MVMs per image (tiles x output positions)
  int64_t macs_per_image = 0;  // multiply-accumulates per image (digital and crossbar)
};

/// One entry per XbarLinearOp and DigitalLinearOp, in program order.
std::vector<LayerFootprint> ComputeFootprints(const Program& p);

/// A fixed-width table of ComputeFootprints plus totals.
std::string PrintProgramSummary(const Program& p);

}  // namespace cim
