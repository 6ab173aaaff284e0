#include "sim/disturb_run.h"

#include <algorithm>

namespace cim::sim {

DisturbRun::DisturbRun(const std::vector<ProgrammedLayer>& layers, const XbarConfig& config)
    : programmed_(layers),
      config_(config.read_disturb),
      lrs_nominal_ua_(config.device.lrs_ua),
      model_(config.device.v_read_v) {
  for (size_t i = 0; i < layers.size(); ++i) layers_.push_back(std::make_unique<Layer>());
  Program();
}

void DisturbRun::Program() {
  for (size_t li = 0; li < programmed_.size(); ++li) {
    const ProgrammedLayer& pl = programmed_[li];
    std::vector<std::unique_ptr<TileDisturbState>>& tiles = layers_[li]->tiles;
    tiles.clear();
    layers_[li]->next_image.assign(pl.tiles.size(), 0);
    for (const ProgrammedTile& t : pl.tiles) {
      tiles.push_back(
          std::make_unique<TileDisturbState>(t.cells, *pl.scheme, config_, model_, lrs_nominal_ua_));
    }
  }
}

void DisturbRun::Begin(int64_t first_image) {
  Program();
  for (const std::unique_ptr<Layer>& l : layers_) {
    std::lock_guard<std::mutex> lock(l->mu);
    std::fill(l->next_image.begin(), l->next_image.end(), first_image);
    l->cancelled = false;
  }
}

void DisturbRun::Cancel() {
  for (const std::unique_ptr<Layer>& l : layers_) {
    std::lock_guard<std::mutex> lock(l->mu);
    l->cancelled = true;
    l->turn.notify_all();
  }
}

Status DisturbRun::AwaitTurn(int li, int ti, int64_t first_image) {
  Layer& l = *layers_[li];
  std::unique_lock<std::mutex> lock(l.mu);
  int64_t& next = l.next_image[ti];
  if (first_image < next) {
    return InvalidArgument("crossbar call for layer \"" + programmed_[li].name + "\": image " +
                           std::to_string(first_image) + " comes after image " +
                           std::to_string(next - 1) +
                           " under read disturb (images must be run in order)");
  }
  l.turn.wait(lock, [&] { return l.cancelled || next == first_image; });
  if (l.cancelled) return Internal("read disturb: the run was cancelled before image " +
                                    std::to_string(first_image) + " reached layer \"" +
                                    programmed_[li].name + "\"");
  return Status::Ok();
}

void DisturbRun::PassTurn(int li, int ti, int64_t images) {
  Layer& l = *layers_[li];
  std::lock_guard<std::mutex> lock(l.mu);
  l.next_image[ti] += images;
  l.turn.notify_all();
}

ReadDisturbStats DisturbRun::Stats(int li) const {
  ReadDisturbStats s;
  for (const std::unique_ptr<TileDisturbState>& t : layers_[li]->tiles) t->AddStats(s);
  s.enabled = true;
  return s;
}

}  // namespace cim::sim
