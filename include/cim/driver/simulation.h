#pragma once
// One cimsim run: the exact digital baseline and the crossbar simulation of
// the same program over the same images, compared image by image.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cim/data/dataset.h"
#include "cim/exec/batch_runner.h"
#include "cim/sim/xbar_config.h"
#include "cim/sim/xbar_stats.h"
#include "cim/tile/program.h"

namespace cim {

struct SimulationRequest {
  const Program* program = nullptr;
  XbarConfig config;  // resolved for the program (ResolveXbarConfig)
  const Dataset* dataset = nullptr;
  int64_t limit = 0;  // images from the start of the set; <= 0: all
  BatchRunnerOptions runner;
  /// Images done so far out of 2 x images (baseline pass, then simulation).
  std::function<void(int64_t done, int64_t total)> progress;
};

struct SimulationOutcome {
  int64_t images = 0;
  int64_t top1_correct = 0, top5_correct = 0;
  int64_t baseline_top1_correct = 0, baseline_top5_correct = 0;
  int64_t agreements = 0;  // images whose top-1 equals the baseline's
  std::vector<LayerStats> layers;
  CellStats cells;
  int threads = 0;
  double baseline_seconds = 0, simulation_seconds = 0;
};

/// Runs the baseline (ExactXbarEngine) and the simulation (SimXbarEngine).
/// Errors: the config does not fit the program, the images do not fit the
/// program input, or an engine error.
Result<SimulationOutcome> RunSimulation(const SimulationRequest& request);

/// Profiles the ADC input of every crossbar layer (after the offset, with the
/// configured noise and an ideal ADC so nothing clips) and returns one range
/// per layer: mean ± 3σ for differential mappings, min/max for single-ended
/// ones (RangeFromStats).
Result<std::map<std::string, AdcRange>> CalibrateAdcRanges(const SimulationRequest& request);

}  // namespace cim
