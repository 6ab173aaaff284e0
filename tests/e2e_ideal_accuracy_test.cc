// Ideal crossbars reproduce the exact float64 accuracy recorded in each
// bundled model's sidecar, on the full test set, and every applicable mapping
// agrees image for image with the exact digital baseline.

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

const char* kModels[] = {"mnist_bnn_mlp", "mnist_bnn_conv", "mnist_tnn", "fashion_bnn_conv"};
const char* kBnnMappings[] = {"BNN_I", "BNN_II", "BNN_III", "BNN_IV", "BNN_V", "BNN_VI"};
const char* kTnnMappings[] = {"TNN_I", "TNN_II", "TNN_III", "TNN_IV", "TNN_V"};

int64_t Correct(const nlohmann::json& share, int64_t images) {
  return std::llround(share.get<double>() * images);
}

TEST_CASE("ideal crossbar reproduces the sidecar accuracy on the full test set") {
  const std::string dir = ScratchDir("ideal_full");
  for (const char* model : kModels) {
    INFO("model " << model);
    const nlohmann::json side = Sidecar(model);
    const std::string prog = Compile(model, dir);
    const nlohmann::json rep = Simulate(prog, "--xbar " + Src("configs/ideal.json"), dir);
    const int64_t n = rep["images"].get<int64_t>();
    CHECK(n == side["num_test_images"].get<int64_t>());
    CHECK(Correct(rep["accuracy"]["top1"], n) == Correct(side["accuracy"], n));
    CHECK(Correct(rep["baseline"]["top1"], n) == Correct(side["accuracy"], n));
    CHECK(rep["agreement"].get<double>() == 1.0);
  }
}

TEST_CASE("every applicable mapping is exact in ideal mode") {
  const std::string dir = ScratchDir("ideal_mappings");
  for (const char* model : kModels) {
    const bool ternary_model = std::string(model) == "mnist_tnn";
    std::vector<std::string> mappings(std::begin(kTnnMappings), std::end(kTnnMappings));
    if (!ternary_model) mappings.insert(mappings.end(), std::begin(kBnnMappings), std::end(kBnnMappings));
    for (const std::string& mapping : mappings) {
      INFO("model " << model << " mapping " << mapping);
      const std::string prog = Compile(model, dir, "--mapping " + mapping + " --rows 128 --cols 64", mapping);
      const nlohmann::json rep = Simulate(prog, "--xbar " + Src("configs/ideal.json") +
                                                    " --set geometry.rows=128 --set geometry.cols=64 --limit 300", dir);
      CHECK(rep["agreement"].get<double>() == 1.0);
      CHECK(rep["accuracy"]["top1"] == rep["baseline"]["top1"]);
      CHECK(rep["accuracy"]["top5"] == rep["baseline"]["top5"]);
    }
  }
}

}  // namespace
}  // namespace cim::testing
