#pragma once
// What SimXbarEngine owns after Create: the config and the programmed layers.

#include <memory>
#include <vector>

#include "cim/sim/xbar_config.h"
#include "sim/disturb_run.h"
#include "sim/programmed_layer.h"

namespace cim::sim {

struct EngineState {
  XbarConfig config;
  KernelParams kernel;
  int num_ops = 0;
  std::vector<ProgrammedLayer> layers;  // program order
  std::vector<int> layer_of_op;         // op index -> index in layers, or -1
  /// Read disturb on: the crossbars' changing state (null when off). The
  /// only mutable part, guarded by its per-layer turns.
  std::shared_ptr<DisturbRun> disturb;
};

}  // namespace cim::sim
