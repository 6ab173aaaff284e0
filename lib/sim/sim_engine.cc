#include "cim/sim/sim_engine.h"

#include <cstdio>
#include <string>

#include "cim/support/check.h"
#include "sim/adc_model.h"
#include "sim/cell_array.h"
#include "sim/counter_rng.h"
#include "sim/engine_state.h"
#include "sim/sim_worker.h"

namespace cim {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string GeometryText(const CrossbarGeometry& g) {
  return std::to_string(g.rows) + "x" + std::to_string(g.cols);
}

Status ValidatePairing(const Program& program, const XbarConfig& cfg) {
  if (cfg.mapping_given && cfg.mapping != program.mapping) {
    return InvalidArgument(std::string("/mapping = \"") + MappingName(cfg.mapping) +
                           "\": the program was compiled for " + MappingName(program.mapping));
  }
  if (cfg.geometry.rows != program.geometry.rows || cfg.geometry.cols != program.geometry.cols) {
    return InvalidArgument("/geometry = " + GeometryText(cfg.geometry) +
                           ": the program was compiled for " + GeometryText(program.geometry) +
                           " crossbars");
  }
  if (!(cfg.device.lrs_ua > cfg.device.hrs_ua) || cfg.device.hrs_ua < 0.0) {
    return InvalidArgument("/device: LRS = " + Num(cfg.device.lrs_ua) + " uA and HRS = " +
                           Num(cfg.device.hrs_ua) + " uA: need LRS > HRS >= 0");
  }
  return Status::Ok();
}

Status ValidateLayer(const XbarLinearOp& op, Mapping mapping) {
  const std::string where = "layer \"" + op.name + "\"";
  if (op.mapping != mapping) {
    return InvalidArgument(where + ": mapping " + MappingName(op.mapping) + " but the program uses " +
                           MappingName(mapping));
  }
  const int64_t k = op.geom.PatchSize();
  if (static_cast<int64_t>(op.weights.size()) != op.geom.out_channels * k) {
    return InvalidArgument(where + ": " + std::to_string(op.weights.size()) + " weights, expected " +
                           std::to_string(op.geom.out_channels * k));
  }
  const bool ternary = Traits(mapping).ternary;
  for (size_t n = 0; n < op.weights.size(); ++n) {
    const int w = op.weights[n];
    if (w == 1 || w == -1 || (ternary && w == 0)) continue;
    return InvalidArgument(where + ": weight " + std::to_string(w) + " at output " +
                           std::to_string(n / k) + ", input " + std::to_string(n % k) +
                           " cannot be stored by " + MappingName(mapping) +
                           (ternary ? " (weights must be -1, 0 or +1)" : " (weights must be ±1)"));
  }
  return Status::Ok();
}

Result<sim::ProgrammedLayer> ProgramLayer(const XbarLinearOp& op, int op_index,
                                          const Program& program, const XbarConfig& cfg) {
  CIM_RETURN_IF_ERROR(ValidateLayer(op, program.mapping));
  sim::ProgrammedLayer layer;
  layer.name = op.name;
  layer.op_index = op_index;
  layer.scheme = &sim::SchemeFor(program.mapping);
  layer.groups = op.geom.groups;
  layer.patch_size = op.geom.PatchSize();
  layer.out_channels = op.geom.out_channels;
  layer.outputs_per_group = op.geom.OutputsPerGroup();
  for (const Tile& t : op.tiles) {
    sim::ProgrammedTile pt;
    pt.tile = t;
    CIM_ASSIGN_OR_RETURN(pt.cells, sim::ProgramTileCells(op, op_index, t, *layer.scheme,
                                                         program.geometry, cfg.device, cfg.noise,
                                                         cfg.seed, layer.cells));
    sim::AdcTileContext ctx{Traits(program.mapping).adc, program.geometry.rows, t.row_count, op.name};
    CIM_ASSIGN_OR_RETURN(pt.adc, sim::MakeTileAdc(cfg.adc, cfg.device, ctx));
    layer.adc_levels = pt.adc.levels;
    const double d_i = cfg.device.lrs_ua - cfg.device.hrs_ua;
    for (int64_t d = -t.row_count; d <= t.row_count; ++d) {
      pt.count_samples.push_back(pt.adc.Convert(static_cast<double>(d) * d_i));
      pt.count_level_units.push_back(pt.count_samples.back().level_ua / d_i);
    }
    pt.c2c_key = sim::TileKey(cfg.seed, sim::RngStream::kC2c, op_index, t.crossbar);
    pt.ir_drop = sim::PrepareIrDropTile(cfg.ir_drop, cfg.device, cfg.noise, pt.cells);
    layer.tiles.push_back(std::move(pt));
  }
  return layer;
}

}  // namespace

SimXbarEngine::SimXbarEngine(std::shared_ptr<const sim::EngineState> state) : state_(std::move(state)) {}
SimXbarEngine::~SimXbarEngine() = default;

Result<std::unique_ptr<SimXbarEngine>> SimXbarEngine::Create(const Program& program,
                                                             const XbarConfig& config) {
  CIM_RETURN_IF_ERROR(ValidatePairing(program, config));
  auto state = std::make_unique<sim::EngineState>();
  state->config = config;
  state->config.mapping_given = false;  // checked against the program above
  CIM_RETURN_IF_ERROR(ResolveXbarConfig(state->config, program.mapping));
  const DeviceConfig& dev = config.device;
  sim::KernelParams& kp = state->kernel;
  kp.hrs_ua = dev.hrs_ua;
  kp.lrs_ua = dev.lrs_ua;
  kp.d_i_ua = dev.lrs_ua - dev.hrs_ua;
  kp.c2c_var_hrs = config.noise.c2c.hrs_ua * config.noise.c2c.hrs_ua;
  kp.c2c_var_lrs = config.noise.c2c.lrs_ua * config.noise.c2c.lrs_ua;
  kp.c2c = kp.c2c_var_hrs > 0.0 || kp.c2c_var_lrs > 0.0;
  kp.r_col_ohm = config.ir_drop.r_col_ohm;
  kp.v_read_v = dev.v_read_v;
  state->num_ops = static_cast<int>(program.ops.size());
  state->layer_of_op.assign(program.ops.size(), -1);
  for (size_t i = 0; i < program.ops.size(); ++i) {
    const auto* op = std::get_if<XbarLinearOp>(&program.ops[i]);
    if (op == nullptr) continue;
    CIM_ASSIGN_OR_RETURN(sim::ProgrammedLayer layer,
                         ProgramLayer(*op, static_cast<int>(i), program, state->config));
    state->layer_of_op[i] = static_cast<int>(state->layers.size());
    state->layers.push_back(std::move(layer));
  }
  if (config.read_disturb.enabled) {
    state->disturb = std::make_shared<sim::DisturbRun>(state->layers, state->config);
  }
  return std::unique_ptr<SimXbarEngine>(new SimXbarEngine(std::move(state)));
}

std::unique_ptr<XbarWorker> SimXbarEngine::NewWorker() const {
  return std::make_unique<sim::SimXbarWorker>(state_);
}

void SimXbarEngine::BeginRun(int64_t first_image) const {
  if (state_->disturb) state_->disturb->Begin(first_image);
}

void SimXbarEngine::CancelRun() const {
  if (state_->disturb) state_->disturb->Cancel();
}

std::vector<LayerStats> SimXbarEngine::MergeStats(
    const std::vector<std::unique_ptr<XbarWorker>>& workers) const {
  std::vector<LayerStats> merged(state_->layers.size());
  for (size_t i = 0; i < merged.size(); ++i) {
    const sim::ProgrammedLayer& layer = state_->layers[i];
    merged[i].name = layer.name;
    merged[i].op_index = layer.op_index;
    merged[i].cells = layer.cells;
    merged[i].adc.code_histogram.assign(static_cast<size_t>(layer.adc_levels), 0);
    if (state_->disturb) merged[i].read_disturb = state_->disturb->Stats(static_cast<int>(i));
  }
  for (const std::unique_ptr<XbarWorker>& w : workers) {
    const auto* sw = dynamic_cast<const sim::SimXbarWorker*>(w.get());
    CIM_CHECK(sw != nullptr);  // workers of another engine: a caller bug
    CIM_CHECK(sw->stats().size() == merged.size());
    for (size_t i = 0; i < merged.size(); ++i) merged[i].Merge(sw->stats()[i]);
  }
  return merged;
}

CellStats SimXbarEngine::TotalCells() const {
  CellStats total;
  for (const sim::ProgrammedLayer& layer : state_->layers) total.Merge(layer.cells);
  return total;
}

const XbarConfig& SimXbarEngine::config() const { return state_->config; }

}  // namespace cim
