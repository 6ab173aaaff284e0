// µs per 256x256 tile MVM of the crossbar simulator with read disturb off and
// on (crossbar-model.md §6), one worker, 512-patch calls in image order (the
// crossbars age MVM by MVM). The goal: exact mode (update every MVM)
// within 2x the run without read disturb.
//
// Usage: read_disturb_bench [min_seconds_per_cell=0.3] [MAPPING|all] [SCENARIO]

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

#include "bench/one_tile_program.h"
#include "cim/sim/sim_engine.h"

namespace {

using namespace cim;
using bench::CpuMicrosPerMvm;
using bench::kPatches;
using bench::OneTileProgram;

struct Scenario {
  const char* name;
  void (*apply)(ReadDisturbConfig&);
};

// At −0.4 V τ(0) = 0.24 ms: 1e-12 s reads never reach it within the bench
// (fresh cells), 1e-3 s reads are past it from the first read (every driven
// row decayed, the kernel's worst case).
const Scenario kScenarios[] = {
    {"off", nullptr},
    {"fresh", [](ReadDisturbConfig& r) { r.t_read_s = 1e-12; }},
    {"decayed", [](ReadDisturbConfig& r) { r.t_read_s = 1e-3; }},
    {"decayed k=64",
     [](ReadDisturbConfig& r) {
       r.t_read_s = 1e-3;
       r.update_interval_mvms = 64;
     }},
    {"software",
     [](ReadDisturbConfig& r) {
       r.t_read_s = 1e-5;
       r.mitigation = DisturbMitigation::kSoftware;
       r.fp = 4;
     }},
    {"cell_based",
     [](ReadDisturbConfig& r) {
       r.t_read_s = 1e-5;
       r.mitigation = DisturbMitigation::kCellBased;
       r.tolerance = 0.05;
     }},
    {"cell k=64",
     [](ReadDisturbConfig& r) {
       r.t_read_s = 1e-5;
       r.mitigation = DisturbMitigation::kCellBased;
       r.tolerance = 0.05;
       r.update_interval_mvms = 64;
     }},
};

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = argc > 1 ? std::atof(argv[1]) : 0.3;
  const char* only_mapping = argc > 2 && std::strcmp(argv[2], "all") != 0 ? argv[2] : nullptr;
  const char* only_scenario = argc > 3 ? argv[3] : nullptr;
  std::mt19937_64 rng(1);
  std::printf(
      "CPU us per 256x256 tile MVM with read disturb (v_read -0.4 V, 1 thread, %lld-patch calls)\n",
      static_cast<long long>(kPatches));
  for (bool d2d : {false, true}) {
    std::printf("%-8s %-8s", "mapping", "noise");
    for (const Scenario& s : kScenarios) {
      if (only_scenario == nullptr || std::strcmp(only_scenario, s.name) == 0)
        std::printf(" %13s", s.name);
    }
    std::printf("\n");
    for (const MappingTraits& t : AllMappings()) {
      if (only_mapping != nullptr && std::strcmp(only_mapping, t.name) != 0) continue;
      if (only_mapping == nullptr && t.mapping != Mapping::kBnnI && t.mapping != Mapping::kBnnIII &&
          t.mapping != Mapping::kBnnV && t.mapping != Mapping::kTnnII)
        continue;
      const Program p = OneTileProgram(t.mapping, rng);
      const auto& op = std::get<XbarLinearOp>(p.ops[0]);
      const std::vector<int8_t> x = bench::RandomPatches(op, t.ternary, rng);
      std::printf("%-8s %-8s", t.name, d2d ? "D2D" : "none");
      for (const Scenario& s : kScenarios) {
        if (only_scenario != nullptr && std::strcmp(only_scenario, s.name) != 0) continue;
        XbarConfig c;
        c.geometry = p.geometry;
        c.device.v_read_v = -0.4;
        if (d2d) c.noise.d2d = {0.5, 1.5};
        if (s.apply != nullptr) {
          c.read_disturb.enabled = true;
          s.apply(c.read_disturb);
        }
        auto engine = SimXbarEngine::Create(p, c);
        if (!engine.ok()) {
          std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
          return 1;
        }
        std::printf(" %13.2f", CpuMicrosPerMvm(**engine, op, x, min_seconds));
        std::fflush(stdout);
      }
      std::printf("\n");
    }
  }
  return 0;
}
