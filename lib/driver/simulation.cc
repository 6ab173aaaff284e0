#include "cim/driver/simulation.h"

#include <algorithm>
#include <chrono>

#include "cim/exec/exact_engine.h"
#include "cim/sim/calibration_file.h"
#include "cim/sim/sim_engine.h"

namespace cim {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

ImageSet ImagesOf(const Dataset& d) {
  return ImageSet{d.pixels.data(), d.count, d.height, d.width, d.channels};
}

int64_t ImageCount(const SimulationRequest& r) {
  return r.limit > 0 ? std::min(r.limit, r.dataset->count) : r.dataset->count;
}

bool InTop5(const Prediction& p, int label) {
  return std::find(p.top5.begin(), p.top5.end(), label) != p.top5.end();
}

// Runs `engine` over the request's images; `offset` shifts the progress count.
Result<std::vector<Prediction>> Predict(const SimulationRequest& r, BatchRunner& runner,
                                        int64_t offset) {
  const int64_t n = ImageCount(r);
  BatchRunner::ProgressFn progress;
  if (r.progress) progress = [&](int64_t done) { r.progress(offset + done, 2 * n); };
  return runner.Predict(ImagesOf(*r.dataset), 0, n, progress);
}

}  // namespace

Result<SimulationOutcome> RunSimulation(const SimulationRequest& r) {
  SimulationOutcome out;
  out.images = ImageCount(r);

  auto t0 = std::chrono::steady_clock::now();
  ExactXbarEngine exact(*r.program);
  BatchRunner baseline_runner(*r.program, exact, r.runner);
  CIM_ASSIGN_OR_RETURN(std::vector<Prediction> baseline, Predict(r, baseline_runner, 0));
  out.baseline_seconds = SecondsSince(t0);

  t0 = std::chrono::steady_clock::now();
  CIM_ASSIGN_OR_RETURN(auto engine, SimXbarEngine::Create(*r.program, r.config));
  BatchRunner runner(*r.program, *engine, r.runner);
  CIM_ASSIGN_OR_RETURN(std::vector<Prediction> simulated, Predict(r, runner, out.images));
  out.simulation_seconds = SecondsSince(t0);
  out.threads = runner.threads();

  for (int64_t i = 0; i < out.images; ++i) {
    const int label = r.dataset->labels[i];
    out.top1_correct += simulated[i].top1 == label;
    out.top5_correct += InTop5(simulated[i], label);
    out.baseline_top1_correct += baseline[i].top1 == label;
    out.baseline_top5_correct += InTop5(baseline[i], label);
    out.agreements += simulated[i].top1 == baseline[i].top1;
  }
  out.layers = engine->MergeStats(runner.workers());
  out.cells = engine->TotalCells();
  return out;
}

Result<std::map<std::string, AdcRange>> CalibrateAdcRanges(const SimulationRequest& r) {
  XbarConfig profiling = r.config;
  profiling.adc.kind = AdcKind::kInf;  // profile the unclipped ADC input
  profiling.adc.kind_auto = false;
  profiling.adc.range = AdcRangeMode::kMax;
  CIM_ASSIGN_OR_RETURN(auto engine, SimXbarEngine::Create(*r.program, profiling));
  BatchRunner runner(*r.program, *engine, r.runner);
  const int64_t n = ImageCount(r);
  BatchRunner::ProgressFn progress;
  if (r.progress) progress = [&](int64_t done) { r.progress(done, n); };
  CIM_RETURN_IF_ERROR(
      runner.Run(ImagesOf(*r.dataset), 0, n, [](int64_t, std::span<const double>) {}, progress));
  const bool differential = Traits(r.program->mapping).adc == AdcPolarity::kSymmetric;
  std::map<std::string, AdcRange> ranges;
  for (const LayerStats& layer : engine->MergeStats(runner.workers()))
    ranges[layer.name] = RangeFromStats(layer.adc, differential);
  return ranges;
}

}  // namespace cim
