#pragma once
// One thread's view of a SimXbarEngine: computes calls tile by tile in
// batches of patches and keeps its own statistics.

#include <memory>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/sim/xbar_stats.h"
#include "sim/engine_state.h"
#include "sim/tile_kernel.h"

namespace cim::sim {

class SimXbarWorker : public XbarWorker {
 public:
  explicit SimXbarWorker(std::shared_ptr<const EngineState> state);
  /// Computes call.out = W·x through the simulated crossbars. Errors: an op
  /// index that is not a programmed crossbar layer, a null pointer.
  Status Compute(const XbarCall& call) override;
  /// Per programmed layer (same order as EngineState::layers).
  const std::vector<LayerStats>& stats() const { return stats_; }

 private:
  std::shared_ptr<const EngineState> state_keepalive_;
  const EngineState& state_;
  std::vector<LayerStats> stats_;
  TileScratch scratch_;
};

}  // namespace cim::sim
