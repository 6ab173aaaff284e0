#pragma once
// Helpers for the simulator's tests: a one-layer program, a naive integer
// W·x and a way to run patches through an engine.

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "cim/sim/sim_engine.h"
#include "cim/support/check.h"
#include "cim/tile/tiling.h"

namespace cim::sim::testing {

/// A program with one dense crossbar layer (op 0): m outputs, k inputs,
/// weights row-major m x k, tiled for `mapping` on `geometry`.
inline Program DenseProgram(const std::vector<int8_t>& weights, int64_t m, int64_t k,
                            Mapping mapping, CrossbarGeometry geometry) {
  Program p;
  p.tensors = {{"x", {k}, ValueSet::kTernary}, {"y", {m}, ValueSet::kInteger}};
  XbarLinearOp op;
  op.name = "dense";
  op.input = 0;
  op.output = 1;
  op.dense = true;
  op.geom.in_channels = k;
  op.geom.out_channels = m;
  op.weights = weights;
  op.ternary_weights = op.ternary_inputs = Traits(mapping).ternary;
  p.ops.push_back(op);
  p.output = 1;
  CIM_CHECK(TileProgram(p, mapping, geometry).ok());
  return p;
}

inline XbarConfig IdealConfig(const Program& p, double hrs_ua, double lrs_ua) {
  XbarConfig c;
  c.geometry = p.geometry;
  c.device.hrs_ua = hrs_ua;
  c.device.lrs_ua = lrs_ua;
  c.adc.kind = AdcKind::kInf;
  return c;
}

/// y[p][j] = Σ_i w[j][i]·x[p][i] in integers.
inline std::vector<int32_t> NaiveProduct(const std::vector<int8_t>& w, int64_t m, int64_t k,
                                         const std::vector<int8_t>& x, int64_t n) {
  std::vector<int32_t> y(static_cast<size_t>(n * m), 0);
  for (int64_t p = 0; p < n; ++p)
    for (int64_t j = 0; j < m; ++j)
      for (int64_t i = 0; i < k; ++i) y[p * m + j] += w[j * k + i] * x[p * k + i];
  return y;
}

/// Runs n patches of op 0 on a worker; returns the outputs (n x m).
inline std::vector<int32_t> RunPatches(XbarWorker& worker, const Program& p,
                                       const std::vector<int8_t>& x, int64_t n,
                                       int64_t first_image = 0) {
  const auto& op = std::get<XbarLinearOp>(p.ops[0]);
  std::vector<int32_t> y(static_cast<size_t>(n * op.geom.out_channels), -7);
  XbarCall call;
  call.op = &op;
  call.op_index = 0;
  call.patches = x.data();
  call.num_patches = n;
  call.first_image = first_image;
  call.out = y.data();
  CIM_CHECK(worker.Compute(call).ok());
  return y;
}

/// Uniform random values from `values` (e.g. {-1, 1} or {-1, 0, 0, 1}).
inline std::vector<int8_t> RandomValues(std::mt19937_64& rng, size_t n,
                                        const std::vector<int8_t>& values) {
  std::uniform_int_distribution<size_t> pick(0, values.size() - 1);
  std::vector<int8_t> v(n);
  for (int8_t& e : v) e = values[pick(rng)];
  return v;
}

/// All vectors of length k over `alphabet`, concatenated (alphabet^k x k).
inline std::vector<int8_t> AllVectors(int64_t k, const std::vector<int8_t>& alphabet) {
  int64_t count = 1;
  for (int64_t i = 0; i < k; ++i) count *= static_cast<int64_t>(alphabet.size());
  std::vector<int8_t> v;
  for (int64_t n = 0; n < count; ++n) {
    int64_t r = n;
    for (int64_t i = 0; i < k; ++i) {
      v.push_back(alphabet[r % alphabet.size()]);
      r /= static_cast<int64_t>(alphabet.size());
    }
  }
  return v;
}

/// Positions where two outputs differ.
inline int64_t Mismatches(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  int64_t n = 0;
  for (size_t i = 0; i < a.size(); ++i) n += a[i] != b[i];
  return n;
}

/// The values inputs and weights take under mapping m: ±1, or −1/0/+1 for TNN.
inline std::vector<int8_t> ValuesOf(Mapping m) {
  return Traits(m).ternary ? std::vector<int8_t>{-1, 0, 1} : std::vector<int8_t>{-1, 1};
}

inline std::unique_ptr<SimXbarEngine> MustCreate(const Program& p, const XbarConfig& c) {
  auto e = SimXbarEngine::Create(p, c);
  CIM_CHECK(e.ok());
  return std::move(e).value();
}

}  // namespace cim::sim::testing
