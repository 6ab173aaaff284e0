// µs per 256x256 tile MVM of the crossbar simulator, per mapping and
// non-ideality, batched over 512 patches, on 1 and 2 threads (one worker per
// thread, wall time / MVMs). Targets (2 cores): no noise ≤ 1 µs, D2D ≤ 5 µs,
// D2D + C2C ≤ 10 µs.
//
// Usage: sim_engine_bench [min_seconds_per_cell=0.2] [MAPPING] [SCENARIO_INDEX]

#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include "cim/sim/sim_engine.h"
#include "bench/one_tile_program.h"

namespace {

using namespace cim;
using bench::kPatches;
using bench::OneTileProgram;
using bench::ThreadCpuSeconds;

struct Scenario {
  const char* name;
  void (*apply)(XbarConfig&, Mapping);
};

const Scenario kScenarios[] = {
    {"ideal INF", [](XbarConfig&, Mapping) {}},
    {"4-bit ADC",
     [](XbarConfig& c, Mapping m) {
       c.adc.kind = AdcKindFor(m);
       c.adc.bits = 4;
       c.adc.range = AdcRangeMode::kMappingMax;
     }},
    {"D2D", [](XbarConfig& c, Mapping) { c.noise.d2d = {0.5, 1.5}; }},
    {"D2D+C2C",
     [](XbarConfig& c, Mapping) {
       c.noise.d2d = {0.5, 1.5};
       c.noise.c2c = {0.3, 0.9};
     }},
};

struct Timing {
  double wall_us = 0.0;  // wall time per MVM
  double cpu_us = 0.0;   // CPU time of the workers per MVM (robust on a shared machine)
};

// µs per MVM with `threads` workers, each computing 512-patch calls.
Timing MicrosPerMvm(const SimXbarEngine& engine, const XbarLinearOp& op,
                    const std::vector<int8_t>& x, int threads, double min_seconds) {
  std::vector<std::unique_ptr<XbarWorker>> workers;
  for (int t = 0; t < threads; ++t) workers.push_back(engine.NewWorker());
  std::vector<std::vector<int32_t>> out(threads, std::vector<int32_t>(kPatches * op.geom.out_channels));
  std::vector<double> cpu(threads, 0.0);
  auto run = [&](int t, int reps) {
    const double c0 = ThreadCpuSeconds();
    XbarCall call;
    call.op = &op;
    call.patches = x.data();
    call.num_patches = kPatches;
    call.out = out[t].data();
    for (int r = 0; r < reps; ++r) {
      call.first_image = (int64_t{r} * threads + t) * kPatches;
      if (!workers[t]->Compute(call).ok()) std::abort();
    }
    cpu[t] = ThreadCpuSeconds() - c0;
  };
  run(0, 1);  // warm-up: scratch allocation
  for (int reps = 1;; reps *= 2) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(run, t, reps);
    for (std::thread& th : pool) th.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double mvms = double(reps) * threads * kPatches;
    double cpu_total = 0.0;
    for (double c : cpu) cpu_total += c;
    if (s >= min_seconds) return {s * 1e6 / mvms, cpu_total * 1e6 / mvms};
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = argc > 1 ? std::atof(argv[1]) : 0.2;
  const char* only_mapping = argc > 2 ? argv[2] : nullptr;
  const int only_scenario = argc > 3 ? std::atoi(argv[3]) : -1;
  std::mt19937_64 rng(1);
  std::printf(
      "us per 256x256 tile MVM, %lld patches per call; per scenario: CPU us (1 thread), wall us "
      "(1 thread), wall us (2 threads)\n",
      static_cast<long long>(kPatches));
  std::printf("%-8s", "mapping");
  for (const Scenario& s : kScenarios) std::printf(" | %-20s", s.name);
  std::printf("\n");
  for (const MappingTraits& t : AllMappings()) {
    if (only_mapping != nullptr && std::strcmp(only_mapping, t.name) != 0) continue;
    const Program p = OneTileProgram(t.mapping, rng);
    const auto& op = std::get<XbarLinearOp>(p.ops[0]);
    const std::vector<int8_t> x = bench::RandomPatches(op, t.ternary, rng);
    std::printf("%-8s", t.name);
    for (int si = 0; si < 4; ++si) {
      const Scenario& s = kScenarios[si];
      if (only_scenario >= 0 && si != only_scenario) {
        std::printf(" | %20s", "-");
        continue;
      }
      XbarConfig c;
      c.geometry = p.geometry;
      s.apply(c, t.mapping);
      auto engine = SimXbarEngine::Create(p, c);
      if (!engine.ok()) {
        std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
        return 1;
      }
      const Timing one = MicrosPerMvm(**engine, op, x, 1, min_seconds);
      const Timing two = MicrosPerMvm(**engine, op, x, 2, min_seconds);
      std::printf(" | %6.2f %6.2f %6.2f", one.cpu_us, one.wall_us, two.wall_us);
      std::fflush(stdout);
    }
    std::printf("\n");
  }
  return 0;
}
