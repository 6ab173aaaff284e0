#pragma once
// What SimXbarEngine owns after Create: the config and the programmed layers.

#include <vector>

#include "cim/sim/xbar_config.h"
#include "sim/programmed_layer.h"

namespace cim::sim {

struct EngineState {
  XbarConfig config;
  KernelParams kernel;
  int num_ops = 0;
  std::vector<ProgrammedLayer> layers;  // program order
  std::vector<int> layer_of_op;         // op index -> index in layers, or -1
};

}  // namespace cim::sim
