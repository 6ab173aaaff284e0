// IR drop (crossbar-model.md §5): µs per 256x256 tile MVM with the column
// ladder (target ≤ 20 µs; the reference tool needs ~1,000 µs) per mapping,
// alone and with D2D + C2C (per-cell read-noise draws), batched over 512
// patches on 1 thread (CPU time, robust on a shared machine); then the full
// nodal model: the one-off solve per tile at engine creation, µs per MVM on
// the cells as programmed (transfer matrix), and with every read solved on
// its own (ir_drop_read_solver.h) under D2D + C2C and under read disturb
// (every driven row decayed). Last, the per-read solver alone: µs per solve
// and PCG iterations for several wire regimes.
//
// Usage: ir_drop_bench [min_seconds_per_cell=0.2] [MAPPING]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <vector>

#include "bench/one_tile_program.h"
#include "cim/sim/sim_engine.h"
#include "sim/ir_drop_read_solver.h"

namespace {

using namespace cim;
using bench::CpuMicrosPerMvm;
using bench::kPatches;
using bench::OneTileProgram;

// Patches per call when every read is a nodal solve (~1 ms each).
constexpr int64_t kSolvedPatches = 16;

std::unique_ptr<SimXbarEngine> MustCreate(const Program& p, const XbarConfig& c) {
  auto engine = SimXbarEngine::Create(p, c);
  if (!engine.ok()) {
    std::fprintf(stderr, "%s\n", engine.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(engine).value();
}

void EngineTable(double min_seconds, const char* only_mapping) {
  std::mt19937_64 rng(1);
  std::printf(
      "CPU us per 256x256 tile MVM, 1 thread, INF ADC; full model: 1 ohm row and column "
      "segments, 100 ohm driver and sense\n");
  std::printf("%-8s | %10s | %10s | %14s | %10s | %13s | %12s | %s\n", "mapping", "no IR drop",
              "column 1ohm", "column+D2D+C2C", "full", "full+D2D+C2C", "full+disturb",
              "solve at creation");
  for (const MappingTraits& t : AllMappings()) {
    if (only_mapping != nullptr && std::strcmp(only_mapping, t.name) != 0) continue;
    const Program p = OneTileProgram(t.mapping, rng);
    const auto& op = std::get<XbarLinearOp>(p.ops[0]);
    const std::vector<int8_t> x = bench::RandomPatches(op, t.ternary, rng);
    XbarConfig c;
    c.geometry = p.geometry;
    std::printf("%-8s", t.name);
    std::printf(" | %10.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    c.ir_drop = {IrDropModel::kColumn, 1.0};
    std::printf(" | %11.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    std::fflush(stdout);
    NoiseConfig noisy;
    noisy.d2d = {0.5, 1.5};
    noisy.c2c = {0.3, 0.9};
    c.noise = noisy;
    std::printf(" | %14.2f", CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds));
    std::fflush(stdout);
    // The full model on the cells as programmed: a sum of precomputed rows.
    c.noise = {};
    c.ir_drop = {IrDropModel::kFull, 1.0, 1.0, 100.0, 100.0};
    const auto t0 = std::chrono::steady_clock::now();
    auto full = MustCreate(p, c);
    const double solve_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(" | %10.2f", CpuMicrosPerMvm(*full, op, x, min_seconds));
    std::fflush(stdout);
    // Every read on its own network: C2C changes every driven cell...
    c.noise = noisy;
    std::printf(" | %13.1f",
                CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds, kSolvedPatches));
    std::fflush(stdout);
    // ... and read disturb (−0.4 V, 1 ms reads: past τ from the first update).
    c.noise = {};
    c.device.v_read_v = -0.4;
    c.read_disturb.enabled = true;
    c.read_disturb.t_read_s = 1e-3;
    std::printf(" | %12.1f",
                CpuMicrosPerMvm(*MustCreate(p, c), op, x, min_seconds, kSolvedPatches));
    std::printf(" | %.2f s\n", solve_s);
  }
}

struct Regime {
  const char* name;
  sim::WireResistances wires;  // row, col, driver, sense
};

// The per-read solver alone: random LRS/HRS cells (30/5 µA ± 20 %), fresh
// read noise on the driven cells (σ 0.9/0.3 µA) and a random half of the
// rows driven each read.
void SolverTable(double min_seconds) {
  const Regime regimes[] = {
      {"column wires only, 1 ohm", {0.0, 1.0, 0.0, 0.0}},
      {"row wires only, 1 ohm", {1.0, 0.0, 0.0, 0.0}},
      {"no wires, 100 ohm driver/sense", {0.0, 0.0, 100.0, 100.0}},
      {"0.1 ohm wires, 100 ohm driver/sense", {0.1, 0.1, 100.0, 100.0}},
      {"1 ohm wires, 100 ohm driver/sense", {1.0, 1.0, 100.0, 100.0}},
      {"1 ohm wires, ideal driver/sense", {1.0, 1.0, 0.0, 0.0}},
      {"5 ohm wires, 10 ohm driver/sense", {5.0, 5.0, 10.0, 10.0}},
  };
  const int64_t n = 256;
  std::printf("\nPer-read nodal solver alone, %lldx%lld, v_read -0.2 V, tolerance %.0e\n",
              static_cast<long long>(n), static_cast<long long>(n),
              sim::NodalReadSolver::kTolerance);
  std::printf("%-36s | %12s | %10s | %10s\n", "wires", "us per solve", "iterations", "max");
  std::mt19937_64 rng(2);
  std::uniform_real_distribution<double> spread(0.8, 1.2);
  std::bernoulli_distribution coin(0.5);
  std::normal_distribution<double> normal;
  std::vector<float> base(static_cast<size_t>(n * n));
  std::vector<uint8_t> lrs(base.size());
  for (size_t e = 0; e < base.size(); ++e) {
    lrs[e] = coin(rng);
    base[e] = static_cast<float>((lrs[e] ? 30.0 : 5.0) * spread(rng));
  }
  std::vector<double> current(static_cast<size_t>(n));
  std::vector<uint8_t> driven(static_cast<size_t>(n));
  for (const Regime& r : regimes) {
    sim::NodalReadSolver solver;
    solver.Reset(r.wires, -0.2, n, n);
    int64_t solves = 0, iterations = 0, max_iterations = 0;
    double seconds = 0.0;
    while (seconds < min_seconds || solves < 8) {
      float* g = solver.cells().data();
      for (int64_t row = 0; row < n; ++row) {
        driven[row] = coin(rng);
        for (int64_t col = 0; col < n; ++col) {
          const int64_t e = row * n + col;
          const double noise = driven[row] ? (lrs[e] ? 0.9 : 0.3) * normal(rng) : 0.0;
          g[e] = static_cast<float>(std::max(0.0, base[e] + noise));
        }
      }
      const double t0 = bench::ThreadCpuSeconds();
      const sim::ReadSolveStats s = solver.Solve(driven, n, current.data());
      seconds += bench::ThreadCpuSeconds() - t0;
      ++solves;
      iterations += s.iterations;
      max_iterations = std::max<int64_t>(max_iterations, s.iterations);
    }
    std::printf("%-36s | %12.1f | %10.2f | %10lld\n", r.name, seconds * 1e6 / solves,
                static_cast<double>(iterations) / solves, static_cast<long long>(max_iterations));
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double min_seconds = argc > 1 ? std::atof(argv[1]) : 0.2;
  const char* only_mapping = argc > 2 ? argv[2] : nullptr;
  EngineTable(min_seconds, only_mapping);
  SolverTable(min_seconds);
  return 0;
}
