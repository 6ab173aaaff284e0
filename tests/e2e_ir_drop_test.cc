// IR drop end to end (crossbar-model.md §5) on the MNIST MLP, 300 images,
// fixed seed: accuracy falls as wire resistance and crossbar size grow; the
// full nodal model, calibration and determinism work with IR drop on, and
// both models compose with C2C read noise and read disturb.

#include <catch2/catch.hpp>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

std::string Geometry(int n) {
  return " --set geometry.rows=" + std::to_string(n) + " --set geometry.cols=" + std::to_string(n);
}

std::string Sized(int n) { return " --rows " + std::to_string(n) + " --cols " + std::to_string(n); }

double Top1(const nlohmann::json& report) { return report["accuracy"]["top1"].get<double>(); }

TEST_CASE("accuracy falls as column wire resistance grows") {
  const std::string dir = ScratchDir("ir_drop_resistance");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string base =
      "--xbar " + Src("configs/ideal.json") + " --set ir_drop.model=column --limit 300";
  std::vector<double> top1;
  for (const char* ohm : {"0", "0.1", "0.2", "0.4"}) {
    const nlohmann::json rep = Simulate(prog, base + " --set ir_drop.r_col_ohm=" + ohm, dir);
    if (top1.empty()) CHECK(rep["agreement"].get<double>() == 1.0);  // 0 ohm: exact
    top1.push_back(Top1(rep));
  }
  INFO("top-1 at 0/0.1/0.2/0.4 ohm: " << top1[0] << " " << top1[1] << " " << top1[2] << " "
                                      << top1[3]);
  for (size_t i = 1; i < top1.size(); ++i) CHECK(top1[i] <= top1[i - 1] + 0.005);
  CHECK(top1.back() < top1.front() - 0.2);
}

TEST_CASE("accuracy falls as the crossbar grows at a fixed wire resistance") {
  const std::string dir = ScratchDir("ir_drop_size");
  std::vector<double> top1;
  for (int n : {64, 128, 256}) {
    const std::string prog = Compile("mnist_bnn_mlp", dir, Sized(n), std::to_string(n));
    top1.push_back(
        Top1(Simulate(prog,
                      "--xbar " + Src("configs/ideal.json") + Geometry(n) +
                          " --set ir_drop.model=column --set ir_drop.r_col_ohm=0.2 --limit 300",
                      dir)));
  }
  INFO("top-1 at 64/128/256: " << top1[0] << " " << top1[1] << " " << top1[2]);
  for (size_t i = 1; i < top1.size(); ++i) CHECK(top1[i] <= top1[i - 1] + 0.005);
  CHECK(top1.back() < top1.front() - 0.05);
}

TEST_CASE("the full nodal model runs, is exact without resistance and loses accuracy with it") {
  const std::string dir = ScratchDir("ir_drop_full");
  const std::string prog = Compile("mnist_bnn_mlp", dir, Sized(64));
  const std::string base = "--xbar " + Src("configs/ideal.json") + Geometry(64) +
                           " --set ir_drop.model=full --limit 300";
  CHECK(Simulate(prog, base, dir)["agreement"].get<double>() == 1.0);
  const nlohmann::json wired =
      Simulate(prog,
               base + " --set ir_drop.r_col_ohm=1 --set ir_drop.r_row_ohm=1" +
                   " --set ir_drop.r_driver_ohm=50 --set ir_drop.r_sense_ohm=50",
               dir);
  CHECK(wired["agreement"].get<double>() < 0.99);
}

// The full-model cases below use 32 x 32 crossbars: the one-off solve at
// start-up (without C2C) costs O(n^4) per tile, which dominates a short run
// under the sanitizers.
TEST_CASE("the full model composes with C2C: noise shows, and the report is reproducible") {
  const std::string dir = ScratchDir("ir_drop_full_c2c");
  const std::string prog = Compile("mnist_bnn_mlp", dir, Sized(32));
  const std::string wires = Geometry(32) + " --set ir_drop.model=full --set ir_drop.r_col_ohm=1" +
                            " --set ir_drop.r_row_ohm=1 --set ir_drop.r_driver_ohm=20" +
                            " --set ir_drop.r_sense_ohm=20 --set adc.bits=6 --limit 30";
  const std::string noisy = "--xbar " + Src("configs/default.json") + wires;
  const nlohmann::json quiet =
      Simulate(prog, noisy + " --set variability.c2c.hrs_ua=0 --set variability.c2c.lrs_ua=0", dir);
  const nlohmann::json a = Simulate(prog, noisy + " --threads 1 --batch 64", dir);
  CHECK(a["layers"] != quiet["layers"]);  // read noise reaches the ADC
  const nlohmann::json b = Simulate(prog, noisy + " --threads 2 --batch 7", dir);
  for (const char* key : {"accuracy", "baseline", "agreement", "layers", "cells"}) {
    INFO(key);
    CHECK(a[key] == b[key]);
  }
}

TEST_CASE("calibrated ADC ranges recover accuracy under IR drop") {
  const std::string dir = ScratchDir("ir_drop_calibration");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string cal = dir + "/cal.json";
  const std::string base = "--xbar " + Src("configs/default.json") +
                           " --set ir_drop.model=column --set ir_drop.r_col_ohm=0.2 --limit 300";
  CommandResult r =
      RunCommand(std::string(CIMSIM_PATH) + " " + prog + " -q --calibrate " + cal + " " + base);
  REQUIRE(r.exit_code == 0);
  const double max_range = Top1(Simulate(prog, base, dir));
  const double calibrated =
      Top1(Simulate(prog, base + " --set adc.range=calibrated --set adc.calibration=" + cal, dir));
  INFO("4-bit ADC under IR drop: max range " << max_range << ", calibrated " << calibrated);
  CHECK(calibrated > max_range + 0.3);
}

TEST_CASE("IR drop with noise: same seed, same report for any thread count and batch size") {
  const std::string dir = ScratchDir("ir_drop_determinism");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string cfg =
      "--xbar " + Src("configs/default.json") +
      " --set ir_drop.model=column --set ir_drop.r_col_ohm=0.1 --set adc.bits=6" +
      " --set adc.range=mapping_max --limit 200";
  const nlohmann::json a = Simulate(prog, cfg + " --threads 1 --batch 64", dir);
  const nlohmann::json b = Simulate(prog, cfg + " --threads 2 --batch 7", dir);
  for (const char* key : {"accuracy", "baseline", "agreement", "layers", "cells"}) {
    INFO(key);
    CHECK(a[key] == b[key]);
  }
}

TEST_CASE("IR drop composes with read disturb: the ladder sees the disturbed cells") {
  const std::string dir = ScratchDir("ir_drop_disturb");
  const std::string prog = Compile("mnist_bnn_mlp", dir);
  const std::string ir = "--xbar " + Src("configs/ideal.json") +
                         " --set ir_drop.model=column --set ir_drop.r_col_ohm=0.05 --limit 300";
  // −0.6 V, 0.1 µs reads: τ(0) is about ten reads (as in e2e_read_disturb_test).
  const std::string disturb = " --set device.v_read_v=-0.6 --set read_disturb.enabled=true"
                              " --set read_disturb.t_read_s=1e-7";
  const nlohmann::json ir_only = Simulate(prog, ir + " --set device.v_read_v=-0.6", dir);
  const nlohmann::json decayed = Simulate(prog, ir + disturb, dir);
  INFO("top-1 IR drop " << Top1(ir_only) << ", IR drop + read disturb " << Top1(decayed));
  CHECK(Top1(decayed) < Top1(ir_only) - 0.03);
  CHECK(decayed["read_disturb"]["lrs_g_ratio_mean"].get<double>() < 0.9);
  // Software refresh at fp 1 restores every cell before it decays: the
  // disturbed run must then be the IR-drop run, conversion for conversion.
  const nlohmann::json refreshed =
      Simulate(prog, ir + disturb + " --set read_disturb.mitigation=software", dir);
  CHECK(refreshed["read_disturb"]["refreshes"].get<int64_t>() > 0);
  CHECK(refreshed["accuracy"] == ir_only["accuracy"]);
  CHECK(refreshed["layers"][0]["adc"] == ir_only["layers"][0]["adc"]);
  // And the order of reads is the global one, whatever the threads and batches.
  const nlohmann::json other_split =
      Simulate(prog, ir + disturb + " --threads 2 --batch 7", dir);
  CHECK(other_split["accuracy"] == decayed["accuracy"]);
  CHECK(other_split["layers"] == decayed["layers"]);
  CHECK(other_split["read_disturb"] == decayed["read_disturb"]);
}

TEST_CASE("the full model composes with read disturb: the network sees the disturbed cells") {
  const std::string dir = ScratchDir("ir_drop_full_disturb");
  const std::string prog = Compile("mnist_bnn_mlp", dir, Sized(32));
  const std::string ir = "--xbar " + Src("configs/ideal.json") + Geometry(32) +
                         " --set ir_drop.model=full --set ir_drop.r_col_ohm=0.05" +
                         " --set ir_drop.r_row_ohm=0.05 --limit 60";
  // 1 µs reads: the cells decay ten times faster than in the column case.
  const std::string disturb =
      " --set device.v_read_v=-0.6 --set read_disturb.enabled=true"
      " --set read_disturb.t_read_s=1e-6";
  const nlohmann::json ir_only = Simulate(prog, ir + " --set device.v_read_v=-0.6", dir);
  const nlohmann::json decayed = Simulate(prog, ir + disturb, dir);
  INFO("top-1 IR drop " << Top1(ir_only) << ", IR drop + read disturb " << Top1(decayed));
  CHECK(Top1(decayed) < Top1(ir_only) - 0.03);
  CHECK(decayed["read_disturb"]["lrs_g_ratio_mean"].get<double>() < 0.9);
  // Software refresh at fp 1 restores every cell before it decays: the
  // disturbed run is then the IR-drop run, conversion for conversion. (Read
  // order over threads and batches: the column case above and the C2C case.)
  const nlohmann::json refreshed =
      Simulate(prog, ir + disturb + " --set read_disturb.mitigation=software", dir);
  CHECK(refreshed["read_disturb"]["refreshes"].get<int64_t>() > 0);
  CHECK(refreshed["accuracy"] == ir_only["accuracy"]);
  for (size_t i = 0; i < ir_only["layers"].size(); ++i)
    CHECK(refreshed["layers"][i]["adc"] == ir_only["layers"][i]["adc"]);
}

}  // namespace
}  // namespace cim::testing
