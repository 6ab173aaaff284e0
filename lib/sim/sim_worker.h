#pragma once
// One thread's view of a SimXbarEngine: computes calls tile by tile in
// batches of patches and keeps its own statistics. Under read disturb a call
// runs each tile in that tile's turn (disturb_run.h) and advances its state.

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
  // Patches [p0, p0 + kBatchPatches) of `call` (clipped) on tile `t`.
  static TileBatch BatchOf(const ProgrammedLayer& layer, const ProgrammedTile& t,
                           const XbarCall& call, int64_t p0);
  // Packs the batch's inputs, advances the tile's read-disturb state over
  // its patches and points `b` at the masks and column-current corrections
  // (valid until the next call).
  void DisturbPatches(TileDisturbState& state, const ProgrammedTile& t,
                      const MappingScheme& scheme, TileBatch& b);
  // IR drop under read disturb: runs `b` one patch at a time, each on the
  // cells as the state holds them, advancing the state after each.
  void IrDropDisturbedPatches(TileDisturbState& state, const ProgrammedTile& t,
                              const MappingScheme& scheme, const TileBatch& b, AdcStats& stats);

  std::shared_ptr<const EngineState> state_keepalive_;
  const EngineState& state_;
  std::vector<LayerStats> stats_;
  TileScratch scratch_;
  // Read disturb: the batch's packed inputs and its column-current corrections.
  std::vector<uint64_t> disturb_masks_;
  std::vector<float> disturb_extra_;
  std::vector<uint8_t> disturb_active_;
};

}  // namespace cim::sim
