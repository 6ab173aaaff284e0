#include "sim/sim_worker.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "sim/drive_masks.h"

namespace cim::sim {
namespace {
// Patches per tile batch: bounds the scratch and keeps the D2D GEMM in cache.
constexpr int64_t kBatchPatches = 256;
}  // namespace

SimXbarWorker::SimXbarWorker(std::shared_ptr<const EngineState> state)
    : state_keepalive_(std::move(state)), state_(*state_keepalive_) {
  stats_.resize(state_.layers.size());
  for (size_t i = 0; i < state_.layers.size(); ++i) {
    const ProgrammedLayer& layer = state_.layers[i];
    stats_[i].name = layer.name;
    stats_[i].op_index = layer.op_index;
    stats_[i].adc.code_histogram.assign(static_cast<size_t>(layer.adc_levels), 0);
  }
}

Status SimXbarWorker::Compute(const XbarCall& call) {
  if (call.op_index < 0 || call.op_index >= state_.num_ops || state_.layer_of_op[call.op_index] < 0) {
    return InvalidArgument("crossbar call: op " + std::to_string(call.op_index) +
                           " is not a programmed crossbar layer");
  }
  const int li = state_.layer_of_op[call.op_index];
  const ProgrammedLayer& layer = state_.layers[li];
  if (call.num_patches < 0 || (call.num_patches > 0 && (call.patches == nullptr || call.out == nullptr))) {
    return InvalidArgument("crossbar call for layer \"" + layer.name +
                           "\": missing patch or output buffer");
  }
  const int64_t patch_stride = layer.groups * layer.patch_size;
  if (call.op == nullptr || call.op->geom.out_channels != layer.out_channels ||
      call.op->geom.groups * call.op->geom.PatchSize() != patch_stride) {
    return InvalidArgument("crossbar call for layer \"" + layer.name +
                           "\": the op's shape differs from the programmed layer");
  }
  if (call.num_patches == 0) return Status::Ok();
  if (call.positions_per_image <= 0 || call.num_patches % call.positions_per_image != 0) {
    return InvalidArgument("crossbar call for layer \"" + layer.name +
                           "\": patches do not make whole images");
  }
  std::memset(call.out, 0, sizeof(int32_t) * call.num_patches * layer.out_channels);
  LayerStats& st = stats_[li];
  const int64_t n = call.num_patches;
  DisturbRun* disturb = state_.disturb.get();
  if (disturb == nullptr) {
    // Every tile of a batch while its patches are in cache.
    for (int64_t p0 = 0; p0 < n; p0 += kBatchPatches) {
      for (size_t ti = 0; ti < layer.tiles.size(); ++ti) {
        RunTileBatch(layer.tiles[ti], *layer.scheme, state_.kernel,
                     BatchOf(layer, layer.tiles[ti], call, p0), scratch_, st.adc);
        st.mvms += std::min(kBatchPatches, n - p0);
      }
    }
    return Status::Ok();
  }
  // Read disturb: tile by tile, each in its turn (disturb_run.h), so that the
  // next call can run the tiles this one is done with.
  for (size_t ti = 0; ti < layer.tiles.size(); ++ti) {
    const ProgrammedTile& t = layer.tiles[ti];
    const int tile = static_cast<int>(ti);
    CIM_RETURN_IF_ERROR(disturb->AwaitTurn(li, tile, call.first_image));
    TileDisturbState& state = disturb->tile(li, tile);
    for (int64_t p0 = 0; p0 < n; p0 += kBatchPatches) {
      TileBatch b = BatchOf(layer, t, call, p0);
      if (t.ir_drop.model != IrDropModel::kNone) {
        IrDropDisturbedPatches(state, t, *layer.scheme, b, st.adc);
      } else {
        DisturbPatches(state, t, *layer.scheme, b);
        RunTileBatch(t, *layer.scheme, state_.kernel, b, scratch_, st.adc);
      }
      st.mvms += b.count;
    }
    disturb->PassTurn(li, tile, n / call.positions_per_image);
  }
  return Status::Ok();
}

// Patches [p0, p0 + kBatchPatches) of the call, clipped to its end, on tile t.
TileBatch SimXbarWorker::BatchOf(const ProgrammedLayer& layer, const ProgrammedTile& t,
                                 const XbarCall& call, int64_t p0) {
  const int64_t patch_stride = layer.groups * layer.patch_size;
  TileBatch b;
  b.patches = call.patches + p0 * patch_stride + t.tile.group * layer.patch_size + t.tile.row_begin;
  b.patch_stride = patch_stride;
  b.count = std::min(kBatchPatches, call.num_patches - p0);
  b.first_global_patch = call.first_image * call.positions_per_image + p0;
  b.out = call.out + p0 * layer.out_channels + t.tile.group * layer.outputs_per_group +
          t.tile.col_begin;
  b.out_stride = layer.out_channels;
  return b;
}

// The ladder is not linear in the cells, so column corrections cannot carry
// read disturb into it: each patch is read on the cells as the state holds
// them, then counted as read, in the global MVM order.
void SimXbarWorker::IrDropDisturbedPatches(TileDisturbState& state, const ProgrammedTile& t,
                                           const MappingScheme& scheme, const TileBatch& b,
                                           AdcStats& stats) {
  const TileCells& c = t.cells;
  disturb_masks_.resize(static_cast<size_t>(int64_t{kNumInputSets} * c.words));
  for (int64_t p = 0; p < b.count; ++p) {
    TileBatch one = b;
    one.patches = b.patches + p * b.patch_stride;
    one.count = 1;
    one.first_global_patch = b.first_global_patch + p;
    one.out = b.out + p * b.out_stride;
    PackInputSets(one.patches, c.inputs, c.words, disturb_masks_.data());
    one.masks = disturb_masks_.data();  // packed once for the kernel and the state
    one.disturb_view = &state;
    RunTileBatch(t, scheme, state_.kernel, one, scratch_, stats);
    state.ReadPatches(disturb_masks_.data(), 1, one.first_global_patch, nullptr, nullptr);
  }
}

void SimXbarWorker::DisturbPatches(TileDisturbState& state, const ProgrammedTile& t,
                                   const MappingScheme& scheme, TileBatch& b) {
  const TileCells& c = t.cells;
  const int64_t set_words = int64_t{kNumInputSets} * c.words;
  disturb_masks_.resize(static_cast<size_t>(b.count * set_words));
  for (int64_t p = 0; p < b.count; ++p) {
    PackInputSets(b.patches + p * b.patch_stride, c.inputs, c.words,
                  disturb_masks_.data() + p * set_words);
  }
  disturb_extra_.resize(static_cast<size_t>(b.count * scheme.phases * c.used_cols));
  disturb_active_.resize(static_cast<size_t>(b.count));
  state.ReadPatches(disturb_masks_.data(), b.count, b.first_global_patch, disturb_extra_.data(),
                    disturb_active_.data());
  b.masks = disturb_masks_.data();
  b.extra_current_ua = disturb_extra_.data();
  b.extra_active = disturb_active_.data();
}

}  // namespace cim::sim
