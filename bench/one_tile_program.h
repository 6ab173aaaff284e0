#pragma once
// What the crossbar benches share: a program of one dense layer filling one
// 256x256 crossbar tile of a mapping, random inputs for it, and CPU time per
// MVM of one worker (robust on a machine shared with other jobs).

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/tile/program.h"
#include "cim/tile/tiling.h"

namespace cim::bench {

/// Patches per XbarCall in every bench: batched as a real run is.
constexpr int64_t kPatches = 512;

/// One dense layer with random weights that exactly fills one tile.
inline Program OneTileProgram(Mapping m, std::mt19937_64& rng) {
  const TileCapacity cap = CapacityFor(m, 256, 256);
  Program p;
  p.tensors = {{"x", {cap.inputs}, ValueSet::kTernary}, {"y", {cap.outputs}, ValueSet::kInteger}};
  XbarLinearOp op;
  op.name = "dense";
  op.output = 1;
  op.dense = true;
  op.geom.in_channels = cap.inputs;
  op.geom.out_channels = cap.outputs;
  op.ternary_weights = op.ternary_inputs = Traits(m).ternary;
  std::uniform_int_distribution<int> v(Traits(m).ternary ? -1 : 0, 1);
  op.weights.resize(static_cast<size_t>(cap.inputs * cap.outputs));
  for (int8_t& w : op.weights)
    w = Traits(m).ternary ? static_cast<int8_t>(v(rng)) : (v(rng) ? 1 : -1);
  p.ops.push_back(op);
  p.output = 1;
  if (!TileProgram(p, m, {256, 256}).ok()) std::abort();
  return p;
}

/// kPatches random input patches for `op`: ±1, or −1/0/+1 for a TNN mapping.
inline std::vector<int8_t> RandomPatches(const XbarLinearOp& op, bool ternary,
                                         std::mt19937_64& rng) {
  std::vector<int8_t> x(static_cast<size_t>(kPatches * op.geom.PatchSize()));
  std::uniform_int_distribution<int> v(0, 2);
  for (int8_t& e : x) e = ternary ? static_cast<int8_t>(v(rng) - 1) : (v(rng) ? 1 : -1);
  return x;
}

inline double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/// CPU µs per MVM of one worker computing `patches`-patch calls of `x`
/// (at most kPatches) on consecutive images, as a run does (read disturb
/// needs the order), for at least `min_seconds` of CPU time after two
/// warm-up calls. Fewer patches per call keep slow cells of a table short.
inline double CpuMicrosPerMvm(const XbarEngine& engine, const XbarLinearOp& op,
                              const std::vector<int8_t>& x, double min_seconds,
                              int64_t patches = kPatches) {
  auto worker = engine.NewWorker();
  std::vector<int32_t> out(static_cast<size_t>(patches * op.geom.out_channels));
  XbarCall call;
  call.op = &op;
  call.patches = x.data();
  call.num_patches = patches;
  call.out = out.data();
  engine.BeginRun(0);
  int64_t image = 0;
  auto run = [&](int reps) {
    for (int r = 0; r < reps; ++r, image += patches) {
      call.first_image = image;
      if (!worker->Compute(call).ok()) std::abort();
    }
  };
  run(2);  // warm-up: scratch allocation (and, with read disturb, the first decay)
  for (int reps = 1;; reps *= 2) {
    const double t0 = ThreadCpuSeconds();
    run(reps);
    const double s = ThreadCpuSeconds() - t0;
    if (s >= min_seconds) return s * 1e6 / (static_cast<double>(reps) * patches);
  }
}

}  // namespace cim::bench
