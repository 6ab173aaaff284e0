// Golden tile-IR dumps of the bundled models (regenerate with
// scripts/update_golden.sh after an intended change).

#include <catch2/catch.hpp>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

TEST_CASE("golden tile IR of the bundled models") {
  for (const char* model : {"mnist_bnn_mlp", "mnist_bnn_conv", "mnist_tnn", "fashion_bnn_conv"}) {
    INFO("model " << model);
    CommandResult r = RunCommand(std::string(CIMC_PATH) + " " + ModelPath(model) + " --emit=ir --summary");
    REQUIRE(r.exit_code == 0);
    // The IR names the source file only; no absolute paths leak into goldens.
    CHECK(MatchesGolden(std::string("ir/") + model + ".txt", r.out));
  }
}

TEST_CASE("program write and read back is bit-identical through the binaries") {
  const std::string d = ScratchDir("roundtrip");
  const std::string a = Compile("mnist_bnn_conv", d, "", "_a");
  const std::string b = Compile("mnist_bnn_conv", d, "", "_b");
  CHECK(ReadFile(a) == ReadFile(b));
  CHECK(!ReadFile(a).empty());
}

}  // namespace
}  // namespace cim::testing
