// With noise the simulation departs from the baseline as σ grows, and a fixed
// seed gives the same report for any thread count and batch size.

#include <catch2/catch.hpp>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

TEST_CASE("accuracy falls as D2D sigma grows") {
  const std::string dir = ScratchDir("noise_sweep");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  std::vector<double> top1;
  for (const char* sigma : {"0", "6", "12", "24"}) {
    const nlohmann::json rep = Simulate(prog, "--xbar " + Src("configs/ideal.json") +
                                                  " --set variability.d2d.lrs_ua=" + sigma +
                                                  " --set variability.d2d.hrs_ua=" + sigma + " --limit 1000",
                                       dir);
    top1.push_back(rep["accuracy"]["top1"].get<double>());
  }
  INFO("top-1 at sigma 0/6/12/24 uA: " << top1[0] << " " << top1[1] << " " << top1[2] << " " << top1[3]);
  for (size_t i = 1; i < top1.size(); ++i) CHECK(top1[i] <= top1[i - 1] + 0.005);
  CHECK(top1.back() < top1.front() - 0.05);
}

TEST_CASE("same seed, same report for any thread count and batch size") {
  const std::string dir = ScratchDir("determinism");
  const std::string prog = Compile("mnist_bnn_conv", dir);
  const std::string cfg = "--xbar " + Src("configs/default.json") + " --set adc.bits=6 --set adc.range=mapping_max --limit 200";
  nlohmann::json a = Simulate(prog, cfg + " --threads 1 --batch 64", dir);
  nlohmann::json b = Simulate(prog, cfg + " --threads 2 --batch 7", dir);
  nlohmann::json c = Simulate(prog, cfg + " --threads 2 --batch 64 --set seed=2", dir);
  for (const char* key : {"accuracy", "baseline", "agreement", "layers", "cells"}) {
    INFO(key);
    CHECK(a[key] == b[key]);
  }
  CHECK(a["layers"] != c["layers"]);  // another seed draws other noise
}

TEST_CASE("calibrated ADC ranges load and beat the max range at 4 bits") {
  const std::string dir = ScratchDir("calibration");
  const std::string prog = Compile("mnist_bnn_conv", dir);
  const std::string cal = dir + "/cal.json";
  CommandResult r = RunCommand(std::string(CIMSIM_PATH) + " " + prog + " -q --limit 300 --calibrate " + cal +
                               " --xbar " + Src("configs/default.json"));
  REQUIRE(r.exit_code == 0);
  const std::string base = "--xbar " + Src("configs/default.json") + " --limit 300";
  const double max_range = Simulate(prog, base, dir)["accuracy"]["top1"].get<double>();
  const double calibrated =
      Simulate(prog, base + " --set adc.range=calibrated --set adc.calibration=" + cal, dir)["accuracy"]["top1"].get<double>();
  CHECK(calibrated > max_range + 0.3);
}

}  // namespace
}  // namespace cim::testing
