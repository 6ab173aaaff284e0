// Design-space sweeps (scripts/dse/sweep.sh, docs/dse.md) on the MNIST MLP
// with a few images per point: expansion, results, resume after SIGKILL,
// failing points, scale-out through --sshloginfile and Slurm.

#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "tests/dse_util.h"

namespace cim::testing {
namespace {

namespace fs = std::filesystem;

size_t FileCount(const std::string& dir) {
  if (!fs::exists(dir)) return 0;
  return std::distance(fs::directory_iterator(dir), fs::directory_iterator());
}

// Every row has the header's field count, no id appears twice, the file ends
// with a newline; returns the ids.
std::set<std::string> CheckCsvShape(const std::string& csv) {
  bool complete = false;
  const std::vector<std::string> lines = Lines(csv, &complete);
  CHECK(complete);
  REQUIRE(!lines.empty());
  const size_t fields = Fields(lines[0]).size();
  std::set<std::string> ids;
  for (size_t i = 1; i < lines.size(); ++i) {
    INFO("row " << i << ": " << lines[i]);
    CHECK(Fields(lines[i]).size() == fields);
    CHECK(ids.insert(Fields(lines[i])[0]).second);
  }
  return ids;
}

std::set<std::string> DryRunIds(const std::string& spec) {
  CommandResult r = Sweep(spec + " --dry-run");
  REQUIRE(r.exit_code == 0);
  std::set<std::string> ids;
  std::vector<std::string> lines = Lines(r.out);
  for (size_t i = 0; i + 1 < lines.size(); ++i) ids.insert(lines[i].substr(0, lines[i].find(' ')));
  return ids;
}

TEST_CASE("dse dry run lists every point and their count") {
  const std::string dir = ScratchDir("dse_dry_run");
  const std::string spec = WriteSpec(
      dir, "spec.json", MlpSpec(100, R"({"mapping": ["BNN_I", "BNN_III"], "adc.bits": [3, 4, 5], "seed": [1, 2]})"));
  CommandResult r = Sweep(spec + " --dry-run");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 13);
  CHECK(lines.back() == "12 points");
  CHECK(lines[0].substr(12) == "  mnist_bnn_mlp  mnist  mapping=\"BNN_I\" adc.bits=3 seed=1");
  CHECK(lines[11].substr(12) == "  mnist_bnn_mlp  mnist  mapping=\"BNN_III\" adc.bits=5 seed=2");
  CHECK(DryRunIds(spec).size() == 12);
}

TEST_CASE("dse sweep writes one row per point matching its report and resumes to a no-op") {
  const std::string dir = ScratchDir("dse_small");
  const std::string out = dir + "/results";
  const std::string spec = WriteSpec(dir, "spec.json",
                                     MlpSpec(50,
                                             R"({"mapping": ["BNN_I", "BNN_III"], "adc.bits": [3, 6],
                                                 "adc.range": ["mapping_max", "calibrated"]})",
                                             R"(, "calibrate": {"images": 100})"));
  CommandResult r = Sweep(spec + " -o " + out + " -j 2");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("8 of 8 points finished, 0 failed, 0 unfinished") != std::string::npos);

  const std::string csv = ReadFile(out + "/results.csv");
  CHECK(CheckCsvShape(csv) == DryRunIds(spec));
  const std::vector<std::string> lines = Lines(csv);
  REQUIRE(lines.size() == 9);
  CHECK(lines[0] ==
        "point_id,model,dataset,split,images,mapping,geometry.rows,geometry.cols,adc_type,seed,adc.bits,"
        "adc.range,top1,top5,baseline_top1,baseline_top5,agreement,clip_low_share,clip_high_share,wall_s,"
        "program_checksum,status,error");
  for (size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> f = Fields(lines[i]);
    INFO(lines[i]);
    const nlohmann::json report = nlohmann::json::parse(ReadFile(out + "/runs/" + f[0] + ".json"));
    CHECK(f[Column(lines[0], "status")] == "ok");
    CHECK(f[Column(lines[0], "images")] == "50");
    CHECK(f[Column(lines[0], "mapping")] == report["manifest"]["mapping"]);
    CHECK(f[Column(lines[0], "adc_type")] == (f[5] == "BNN_I" ? "SYM" : "POS"));
    CHECK(std::stod(f[Column(lines[0], "top1")]) == report["accuracy"]["top1"].get<double>());
    CHECK(std::stod(f[Column(lines[0], "baseline_top1")]) == report["baseline"]["top1"].get<double>());
    CHECK(f[Column(lines[0], "program_checksum")] == report["manifest"]["program"]["checksum"]);
    CHECK(f[Column(lines[0], "adc.range")] == report["manifest"]["config"]["adc"]["range"]);
  }
  // One calibration per program (the ADC settings do not change what it measures).
  CHECK(FileCount(out + "/cal") == 4);  // two files and their locks

  CommandResult again = Sweep(spec + " -o " + out);
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 points to run, 8 already finished") != std::string::npos);
  CHECK(ReadFile(out + "/results.csv") == csv);

  SECTION("plot.sh draws the ADC figure and says which it skips") {
    CommandResult p = RunCommand(DseCommand("plot.sh", out + "/results.csv -o " + dir + "/fig"));
    INFO(p.out << p.err);
    CHECK(p.exit_code == 0);
    CHECK(fs::file_size(dir + "/fig/mnist_bnn_mlp-adc_bits.png") > 1000);
    CHECK(p.err.find("no variability column with 2+ values: accuracy vs sigma skipped") != std::string::npos);
    CHECK(p.err.find("no geometry column with 2+ values: accuracy vs crossbar size skipped") != std::string::npos);
  }
}

TEST_CASE("dse sweep killed by SIGKILL resumes with every point exactly once") {
  const std::string dir = ScratchDir("dse_kill");
  const std::string out = dir + "/results";
  const std::string spec = WriteSpec(
      dir, "spec.json", MlpSpec(100, R"({"mapping": ["BNN_I", "BNN_III"], "adc.bits": [3, 4, 5], "seed": [1, 2]})"));
  // setsid: the sweep leads its own process group, so one kill reaches it and GNU parallel.
  CommandResult start =
      RunCommand("setsid " + DseCommand("sweep.sh", spec + " -o " + out + " -j 2") + " >" + dir + "/log 2>&1 & echo $!");
  REQUIRE(start.exit_code == 0);
  const pid_t group = std::stoi(start.out);
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (FileCount(out + "/rows") < 3 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(::kill(-group, SIGKILL) == 0);
  while (::kill(-group, 0) == 0 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const size_t rows_at_kill = FileCount(out + "/rows");
  INFO("rows when killed: " << rows_at_kill << "\n" << ReadFile(dir + "/log"));
  REQUIRE(rows_at_kill >= 3);
  REQUIRE(rows_at_kill < 12);  // killed mid-run, not after the end

  CommandResult resumed = Sweep(spec + " -o " + out + " -j 2");
  INFO(resumed.out << resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.out.find("12 of 12 points finished, 0 failed, 0 unfinished") != std::string::npos);
  const std::string csv = ReadFile(out + "/results.csv");
  CHECK(CheckCsvShape(csv) == DryRunIds(spec));
  CHECK(Lines(csv).size() == 13);
}

TEST_CASE("dse failing point is recorded with its error and the sweep goes on") {
  const std::string dir = ScratchDir("dse_failing_point");
  const std::string out = dir + "/results";
  // Both ADC types are valid values; POS does not fit the program's BNN_I mapping.
  const std::string spec = WriteSpec(dir, "spec.json", MlpSpec(20, R"({"adc.type": ["SYM", "POS"]})"));
  CommandResult r = Sweep(spec + " -o " + out);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("2 of 2 points finished, 1 failed, 0 unfinished") != std::string::npos);
  const std::vector<std::string> lines = Lines(ReadFile(out + "/results.csv"));
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].substr(lines[1].size() - 4) == ",ok,");
  CHECK(lines[2].substr(lines[2].find(",error,")) == ",error,\"cimsim: " + Src("configs/adc_sweep_base.json") +
                                                        R"x(: /adc/type = ""POS"": does not fit mapping BNN_I (it needs SYM or INF)")x");

  SECTION("--retry-failed runs only the failed point again") {
    CommandResult retry = Sweep(spec + " -o " + out + " --retry-failed");
    CHECK(retry.exit_code == 1);
    CHECK(retry.out.find("1 points to run, 1 already finished") != std::string::npos);
  }
}

TEST_CASE("dse bad spec stops before any run with a one-line message") {
  const std::string dir = ScratchDir("dse_bad_spec");
  const std::string out = dir + "/results";
  std::string spec_json, message;
  SECTION("unknown spec key") {
    spec_json = MlpSpec(10, R"({"adc.bits": [3]})", R"(, "imagez": 5)");
    message = "/imagez: unknown key (valid: _comment, models, dataset, split, images, base_config, calibrate, sweep)";
  }
  SECTION("unknown config key") {
    spec_json = MlpSpec(10, R"({"adc.bitz": [3]})");
    message = "/sweep/adc.bitz: /adc/bitz: unknown key (valid: type, bits, range, calibration)";
  }
  SECTION("invalid value") {
    spec_json = MlpSpec(10, R"({"adc.bits": [4, 0]})");
    message = "/sweep/adc.bits: /adc/bits = 0: must be in [1, 16]";
  }
  SECTION("empty list") {
    spec_json = MlpSpec(10, R"({"adc.bits": [3], "mapping": []})");
    message = "/sweep/mapping: empty list (give at least one value)";
  }
  SECTION("missing model") {
    spec_json = R"({"models": ["missing.onnx"], "sweep": {"adc.bits": [3]}})";
    message = "/models/0: missing.onnx: no such file";
  }
  const std::string spec = WriteSpec(dir, "spec.json", spec_json);
  CommandResult r = Sweep(spec + " -o " + out);
  CHECK(r.exit_code == 3);
  CHECK(r.err == "sweep.sh: " + spec + ": " + message + "\n");
  CHECK(FileCount(out + "/rows") == 0);
  CHECK(!fs::exists(out + "/results.csv"));
}

TEST_CASE("dse slurm script runs chunks that merge into one results file") {
  const std::string dir = ScratchDir("dse_slurm");
  const std::string out = dir + "/results";
  const std::string spec = WriteSpec(
      dir, "spec.json", MlpSpec(50, R"({"mapping": ["BNN_I", "BNN_III"], "adc.bits": [3, 4, 5]})"));
  CommandResult r = Sweep(spec + " -o " + out + " --slurm --chunk 2 -j 2");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Lines(r.out)[0] == "wrote " + out + "/sweep.sbatch: 6 points in 3 array tasks of up to 2 points");
  CHECK(Lines(r.out)[1] == "submit:    sbatch " + out + "/sweep.sbatch");
  const std::string bin_dir = fs::path(CIMC_PATH).parent_path().string();
  CHECK(ReadFile(out + "/sweep.sbatch") ==
        "#!/usr/bin/env bash\n"
        "# Slurm array job written by scripts/dse/sweep.sh --slurm: 6 points of\n"
        "# " + spec + " in 3 tasks of up to 2 points.\n"
        "# Needs " + out + " on a file system every node shares (locks and renames there).\n"
        "#SBATCH --job-name=cim-dse\n"
        "#SBATCH --array=0-2\n"
        "#SBATCH --cpus-per-task=2\n"
        "#SBATCH --output=" + out + "/slurm/%A_%a.log\n"
        "set -euo pipefail\n"
        "export CIM_BIN_DIR=" + bin_dir + "\n"
        "exec " + Src("scripts/dse/sweep.sh") + " " + spec + " -o " + out + " \\\n"
        "  --task \"$SLURM_ARRAY_TASK_ID/3\" -j \"${SLURM_CPUS_PER_TASK:-2}\"\n");
  CHECK(FileCount(out + "/rows") == 0);  // writing the script runs nothing

  // What the array does: its three tasks at once, each with its own chunk.
  CommandResult tasks = RunCommand("cd " + dir + " && for t in 0 1 2; do SLURM_ARRAY_TASK_ID=$t SLURM_CPUS_PER_TASK=1 " +
                                   out + "/sweep.sbatch >task$t.log 2>&1 & done; wait");
  CHECK(tasks.exit_code == 0);
  CHECK(ReadFile(dir + "/task1.log").find("2 of 2 points finished") != std::string::npos);
  const std::string csv = ReadFile(out + "/results.csv");
  CHECK(CheckCsvShape(csv) == DryRunIds(spec));
  CHECK(Lines(csv).size() == 7);
}

TEST_CASE("dse sweep runs its points through --sshloginfile") {
  const std::string dir = ScratchDir("dse_sshlogin");
  const std::string out = dir + "/results";
  const std::string spec = WriteSpec(dir, "spec.json", MlpSpec(20, R"({"adc.bits": [3, 4]})"));
  std::ofstream(dir + "/hosts") << "2/:\n";  // ":" is this machine, without ssh; 2 jobs on it
  CommandResult r = Sweep(spec + " -o " + out + " --sshloginfile " + dir + "/hosts");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(Lines(ReadFile(out + "/results.csv")).size() == 3);
}

}  // namespace
}  // namespace cim::testing
