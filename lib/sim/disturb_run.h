#pragma once
// The read-disturb state of every crossbar of an engine during a run, and
// the turn-taking that keeps it deterministic. A crossbar's state after an
// MVM depends on every MVM before it, so each layer must see the images in
// their global order although threads take batches out of order: a call for
// images [i, i+n) of a layer waits until the layer has finished image i − 1
// (its turn), then advances the layer's tiles. Different layers of different
// batches still run in parallel, like a pipeline; the results do not depend
// on the thread count or the batch size.

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "cim/support/status.h"
#include "sim/programmed_layer.h"
#include "sim/read_disturb_model.h"
#include "sim/tile_disturb_state.h"

namespace cim::sim {

class DisturbRun {
 public:
  /// `layers` must outlive the run; a run starts with freshly programmed
  /// crossbars and image 0.
  DisturbRun(const std::vector<ProgrammedLayer>& layers, const XbarConfig& config);

  /// Re-programs every crossbar and expects image `first_image` next.
  void Begin(int64_t first_image);
  /// Makes every waiting and later AwaitTurn fail (a batch failed, so an
  /// earlier image may never arrive).
  void Cancel();

  /// Blocks until layer `li` expects image `first_image`. Error: cancelled.
  Status AwaitTurn(int li, int64_t first_image);
  /// The caller whose turn it was hands over to image first_image + images.
  void PassTurn(int li, int64_t images);

  /// The tiles of layer `li`, in ProgrammedLayer::tiles order; only the
  /// caller holding the layer's turn may touch them.
  std::vector<std::unique_ptr<TileDisturbState>>& tiles(int li) { return layers_[li]->tiles; }

  ReadDisturbStats Stats(int li) const;

 private:
  struct Layer {
    std::mutex mu;
    std::condition_variable turn;
    int64_t next_image = 0;  // guarded by mu
    bool cancelled = false;  // guarded by mu
    std::vector<std::unique_ptr<TileDisturbState>> tiles;
  };
  void Program();

  const std::vector<ProgrammedLayer>& programmed_;
  ReadDisturbConfig config_;
  double lrs_nominal_ua_;
  ReadDisturbModel model_;
  std::vector<std::unique_ptr<Layer>> layers_;
};

}  // namespace cim::sim
