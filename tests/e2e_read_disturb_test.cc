// Read disturb end to end (crossbar-model.md §6): at −0.6 V with 0.1 µs reads
// τ(0) is about ten reads, so the MLP's crossbars decay within a few hundred
// images; software and cell-based refresh keep the ideal accuracy.

#include <catch2/catch.hpp>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

const std::string kDisturb =
    " --set device.v_read_v=-0.6 --set read_disturb.enabled=true --set read_disturb.t_read_s=1e-7";

TEST_CASE("read disturb lowers accuracy and both mitigations keep the ideal accuracy") {
  const std::string dir = ScratchDir("read_disturb");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string base = "--xbar " + Src("configs/ideal.json") + " --limit 300";
  const nlohmann::json ideal = Simulate(prog, base, dir);
  CHECK(ideal["agreement"] == 1.0);
  CHECK_FALSE(ideal["read_disturb"]["enabled"].get<bool>());

  const nlohmann::json none = Simulate(prog, base + kDisturb, dir);
  INFO("top-1 ideal " << ideal["accuracy"]["top1"] << ", disturbed " << none["accuracy"]["top1"]);
  CHECK(none["accuracy"]["top1"].get<double>() < ideal["accuracy"]["top1"].get<double>() - 0.03);
  CHECK(none["read_disturb"]["lrs_g_ratio_mean"].get<double>() < 0.9);
  CHECK(none["read_disturb"]["refreshes"] == 0);

  for (const char* mitigation : {"software", "cell_based"}) {
    INFO(mitigation);
    const nlohmann::json mitigated =
        Simulate(prog,
                 base + kDisturb + " --set read_disturb.mitigation=" + mitigation +
                     " --set read_disturb.tolerance=0.01",
                 dir);
    CHECK(mitigated["accuracy"] == ideal["accuracy"]);
    CHECK(mitigated["agreement"] == 1.0);
    CHECK(mitigated["read_disturb"]["refreshes"].get<int64_t>() > 0);
    CHECK(mitigated["read_disturb"]["cycles_max"].get<int64_t>() > 0);
    CHECK_FALSE(mitigated["read_disturb"]["past_cycle_limit"].get<bool>());
  }
}

TEST_CASE("read disturb gives the same report for any thread count and batch size") {
  const std::string dir = ScratchDir("read_disturb_determinism");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string cfg = "--xbar " + Src("configs/default.json") + kDisturb +
                          " --set read_disturb.mitigation=software --set read_disturb.fp=3"
                          " --limit 200";
  for (const char* counting : {"driven_rows", "every_read"}) {
    INFO(counting);
    const std::string c = cfg + " --set read_disturb.counting=" + counting;
    const nlohmann::json a = Simulate(prog, c + " --threads 1 --batch 64", dir);
    const nlohmann::json b = Simulate(prog, c + " --threads 2 --batch 7", dir);
    for (const char* key : {"accuracy", "baseline", "agreement", "layers", "cells", "read_disturb"}) {
      INFO(key);
      CHECK(a[key] == b[key]);
    }
    CHECK(a["read_disturb"]["refreshes"].get<int64_t>() > 0);
  }
}

}  // namespace
}  // namespace cim::testing
