#pragma once
// The read-disturb state of every crossbar of an engine during a run, and
// the turn-taking that keeps it deterministic. A crossbar's state after an
// MVM depends on every MVM before it, so each tile must see the images in
// their global order although threads take batches out of order: a call for
// images [i, i+n) runs a tile once that tile has finished image i − 1 (its
// turn), then advances it. A tile's state depends on its own reads only, so
// the turns are per tile: while one thread runs tile 1 of a layer on a batch,
// another can run tile 0 on the next batch, and different layers of
// different batches run in parallel, like a pipeline. The results do not
// depend on the thread count or the batch size.

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

  /// Blocks until tile `ti` of layer `li` expects image `first_image`.
  /// Errors: the tile is already past that image; cancelled.
  Status AwaitTurn(int li, int ti, int64_t first_image);
  /// The caller whose turn it was hands the tile over to image
  /// first_image + images.
  void PassTurn(int li, int ti, int64_t images);

  /// Tile `ti` of layer `li` (ProgrammedLayer::tiles order); only the caller
  /// holding its turn may touch it.
  TileDisturbState& tile(int li, int ti) { return *layers_[li]->tiles[ti]; }

  ReadDisturbStats Stats(int li) const;

 private:
  struct Layer {
    std::mutex mu;
    std::condition_variable turn;     // notified when a tile's turn passes
    std::vector<int64_t> next_image;  // per tile; guarded by mu
    bool cancelled = false;           // guarded by mu
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
