// Conductance drift end to end (crossbar-model.md §4): on the MNIST MLP with a
// fixed seed, accuracy falls as the time since programming grows, and the
// report's cell statistics show the drifted currents.

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

TEST_CASE("accuracy falls as the time since programming grows") {
  const std::string dir = ScratchDir("drift");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string base = "--xbar " + Src("configs/default.json") +
                           " --set adc.range=mapping_max --set drift.nu_lrs=0.05" +
                           " --set drift.nu_hrs=0.01 --limit 300";
  std::vector<double> top1;
  for (const char* t : {"0", "10", "1000", "100000"}) {
    const nlohmann::json rep = Simulate(prog, base + " --set drift.t_s=" + t, dir);
    top1.push_back(rep["accuracy"]["top1"].get<double>());
    const double lrs_mean = rep["cells"]["lrs_current_ua"]["mean"].get<double>();
    const double factor = std::string(t) == "0" ? 1.0 : std::pow(std::stod(t), -0.05);
    INFO("t_s " << t);
    CHECK(lrs_mean == Approx(30.0 * factor).epsilon(0.002));  // D2D σ 1.5 µA averages out
  }
  INFO("top-1 at t = 0/10/1e3/1e5 s: " << top1[0] << " " << top1[1] << " " << top1[2] << " "
                                       << top1[3]);
  for (size_t i = 1; i < top1.size(); ++i) CHECK(top1[i] <= top1[i - 1] + 0.005);
  CHECK(top1.back() < top1.front() - 0.3);
}

}  // namespace
}  // namespace cim::testing
