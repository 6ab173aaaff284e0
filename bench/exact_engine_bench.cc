// µs per 256-input MVM of the exact crossbar engine (ExactXbarEngine), batched
// over 1024 patches per call as the executor batches images. Covers 128
// outputs (BNN_I places 256x128 on one 256x256 crossbar) and 256 outputs, for
// binary and ternary weights and inputs. Patch packing is included: it is part
// of every call. Goal: <= 1 µs per MVM.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "cim/exec/exact_engine.h"

namespace {

struct Case {
  const char* name;
  int64_t outputs;
  bool ternary;
};

std::vector<int8_t> Random(std::mt19937& rng, size_t n, bool ternary) {
  std::uniform_int_distribution<int> d(0, ternary ? 2 : 1);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(ternary ? d(rng) - 1 : 2 * d(rng) - 1);
  return v;
}

/// Median over repetitions of the time per MVM, in µs.
double MicrosPerMvm(const Case& c, cim::ExactKernel kernel, int64_t k, int64_t patches, int reps) {
  std::mt19937 rng(1);
  cim::XbarLinearOp op;
  op.name = "bench";
  op.dense = true;
  op.geom.in_channels = k;
  op.geom.out_channels = c.outputs;
  op.ternary_weights = op.ternary_inputs = c.ternary;
  op.weights = Random(rng, static_cast<size_t>(k * c.outputs), c.ternary);
  cim::Program program;
  program.ops.push_back(op);
  cim::ExactXbarEngine engine(program, kernel);
  auto worker = engine.NewWorker();
  const std::vector<int8_t> x = Random(rng, static_cast<size_t>(patches * k), c.ternary);
  std::vector<int32_t> out(static_cast<size_t>(patches * c.outputs));
  cim::XbarCall call;
  call.op = &std::get<cim::XbarLinearOp>(program.ops[0]);
  call.patches = x.data();
  call.num_patches = patches;
  call.out = out.data();
  std::vector<double> times;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    if (!worker->Compute(call).ok()) return -1.0;
    const auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count() /
                    static_cast<double>(patches));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main() {
  const int64_t k = 256, patches = 1024;
  const Case cases[] = {{"binary  256x128", 128, false},
                        {"binary  256x256", 256, false},
                        {"ternary 256x128", 128, true},
                        {"ternary 256x256", 256, true}};
  std::printf("exact engine, K=%lld, %lld patches per call, median of 51 calls\n",
              static_cast<long long>(k), static_cast<long long>(patches));
  std::printf("%-16s %14s %14s %14s\n", "layer", "best us/MVM", "portable", "best GMAC/s");
  for (const Case& c : cases) {
    const double best = MicrosPerMvm(c, cim::ExactKernel::kBest, k, patches, 51);
    const double portable = MicrosPerMvm(c, cim::ExactKernel::kPortable, k, patches, 51);
    std::printf("%-16s %14.4f %14.4f %14.1f\n", c.name, best, portable,
                static_cast<double>(k * c.outputs) / best / 1e3);
  }
  return 0;
}
