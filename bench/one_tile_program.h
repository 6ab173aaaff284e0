#pragma once
// What the crossbar benches share: a program of one dense layer filling one
// 256x256 crossbar tile of a mapping, random inputs for it, and the CPU clock
// of the calling thread (robust on a machine shared with other jobs).

#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <random>
#include <vector>

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

}  // namespace cim::bench
