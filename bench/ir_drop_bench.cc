// IR drop (crossbar-model.md §5): µs per 256x256 tile MVM with the column
// ladder (target ≤ 20 µs; the reference tool needs ~1,000 µs) per mapping,
// alone and with D2D + C2C (per-cell read-noise draws), batched over 512
// patches on 1 thread (CPU time, robust on a shared machine); then the full
// nodal model: the one-off solve per tile at engine creation and µs per MVM.
//
// Usage: ir_drop_bench [min_seconds_per_cell=0.2] [MAPPING]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

#include "cim/sim/sim_engine.h"
#include "bench/one_tile_program.h"

namespace {

using namespace cim;
using bench::kPatches;
using bench::CpuMicrosPerMvm;
using bench::OneTileProgram;

std::unique_ptr<SimXbarEngine> MustCreate(const Program& p, const XbarConfig& c) {
  auto engine = SimXbarEngine::Create(p, c);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(engine).value();
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = argc > 1 ? std::atof(argv[1]) : 0.2;
  const char* only_mapping = argc > 2 ? argv[2] : nullptr;
  std::mt19937_64 rng(1);
  std::printf("CPU us per 256x256 tile MVM, 1 thread, %lld patches per call, INF ADC\n",
              static_cast<long long>(kPatches));
  std::printf("%-8s | %12s | %14s | %16s | %14s\n", "mapping", "no IR drop", "column 1 ohm",
              "column+D2D+C2C", "full (per MVM)");
  for (const MappingTraits& t : AllMappings()) {
    if (only_mapping != nullptr && std::strcmp(only_mapping, t.name) != 0) continue;
    const Program p = OneTileProgram(t.mapping, rng);
    const auto& op = std::get<XbarLinearOp>(p.ops[0]);
    const std::vector<int8_t> x = bench::RandomPatches(op, t.ternary, rng);
    XbarConfig c;
    c.geometry = p.geometry;
    std::printf("%-8s", t.name);
    std::printf(" | %12.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    c.ir_drop = {IrDropModel::kColumn, 1.0};
    std::printf(" | %14.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    std::fflush(stdout);
    c.noise.d2d = {0.5, 1.5};
    c.noise.c2c = {0.3, 0.9};
    std::printf(" | %16.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    std::fflush(stdout);
    // The full model: the one-off solve at creation, then the MVM (a sum of
    // precomputed rows; C2C is not supported with it).
    c.noise = {};
    c.ir_drop = {IrDropModel::kFull, 1.0, 1.0, 100.0, 100.0};
    const auto t0 = std::chrono::steady_clock::now();
    auto full = MustCreate(p, c);
    const double solve_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(" | %14.2f   (solve at creation: %.2f s)\n",
                CpuMicrosPerMvm(*full, op, x, min_seconds), solve_s);
  }
  return 0;
}
