// BatchRunner: identical results for any thread count and batch size (also
// with an engine whose output depends on the global image index), error
// propagation, progress, and top-k ranking.

#include "cim/exec/batch_runner.h"

#include <catch2/catch.hpp>
#include <mutex>

#include "lib/exec/exec_test_util.h"

namespace cim {
namespace {

using namespace cim::testing;

/// Exact W·x plus (global image index % 5) on every output, standing in for
/// noise keyed by image; fails for images at or past `fail_from`.
class ImageKeyedEngine : public XbarEngine {
 public:
  ImageKeyedEngine(const Program& p, int64_t fail_from) : exact_(p), fail_from_(fail_from) {}
  std::unique_ptr<XbarWorker> NewWorker() const override {
    return std::make_unique<Worker>(exact_.NewWorker(), fail_from_);
  }

 private:
  class Worker : public XbarWorker {
   public:
    Worker(std::unique_ptr<XbarWorker> exact, int64_t fail_from)
        : exact_(std::move(exact)), fail_from_(fail_from) {}
    Status Compute(const XbarCall& call) override {
      CIM_RETURN_IF_ERROR(exact_->Compute(call));
      const int64_t m = call.op->geom.out_channels;
      for (int64_t p = 0; p < call.num_patches; ++p) {
        const int64_t image = call.first_image + p / call.positions_per_image;
        if (image >= fail_from_) return Internal("image " + std::to_string(image) + " failed");
        for (int64_t o = 0; o < m; ++o) call.out[p * m + o] += static_cast<int32_t>(image % 5);
      }
      ++calls;
      return Status::Ok();
    }
    int64_t calls = 0;

   private:
    std::unique_ptr<XbarWorker> exact_;
    int64_t fail_from_;
  };

  ExactXbarEngine exact_;
  int64_t fail_from_;
};

/// {5,5,1} NCHW-from-HWC input in {-1,0,+1} -> crossbar conv 3x3 -> Threshold -> dense 27 -> 6
/// logits.
Program SmallNet(std::mt19937& rng) {
  ProgramBuilder b({1, 5, 5}, Layout::kNCHW, 1.0, -1.0);
  XbarLinearOp conv;
  conv.name = "conv";
  conv.output = b.Tensor({3, 3, 3}, ValueSet::kInteger);
  conv.geom = {.in_channels = 1,
               .in_h = 5,
               .in_w = 5,
               .out_channels = 3,
               .out_h = 3,
               .out_w = 3,
               .kernel_h = 3,
               .kernel_w = 3};
  conv.ternary_weights = conv.ternary_inputs = true;
  conv.weights = RandomTernary(rng, 27, true);
  b.Add(conv);
  ThresholdOp th{"sign", conv.output, b.Tensor({3, 3, 3}, ValueSet::kBinary), 0, {0}, {0}, {-1},
                 {-1},   {1}};
  b.Add(th);
  ReshapeOp flat{"flatten", th.output, b.Tensor({27}, ValueSet::kBinary)};
  b.Add(flat);
  XbarLinearOp dense;
  dense.name = "dense";
  dense.input = flat.output;
  dense.output = b.Tensor({6}, ValueSet::kInteger);
  dense.dense = true;
  dense.geom.in_channels = 27;
  dense.geom.out_channels = 6;
  dense.weights = RandomTernary(rng, 6 * 27, false);
  b.Add(dense);
  return b.Finish(dense.output);
}

TEST_CASE("BatchRunner results do not depend on thread count or batch size", "[runner]") {
  std::mt19937 rng(21);
  const Program p = SmallNet(rng);
  const int64_t count = 50;
  const std::vector<uint8_t> pixels = RandomBytes(rng, count * 25, 0, 2);
  const ImageSet images{pixels.data(), count, 5, 5, 1};
  const ImageKeyedEngine engine(p, count);

  // Reference: one executor over the range [3, 47) in one batch.
  auto ref_worker = engine.NewWorker();
  Executor executor(p, *ref_worker);
  std::vector<double> ref;
  REQUIRE(executor.Run(pixels.data() + 3 * 25, 44, 3, &ref).ok());

  for (const int threads : {1, 2, 3}) {
    for (const int64_t batch : {1, 7, 64}) {
      INFO("threads " << threads << " batch " << batch);
      BatchRunner runner(p, engine, {threads, batch});
      CHECK(runner.threads() == threads);
      std::vector<int64_t> progress;
      auto out = runner.Outputs(images, 3, 47, [&](int64_t done) { progress.push_back(done); });
      REQUIRE(out.ok());
      REQUIRE(out->size() == 44);
      for (int64_t i = 0; i < 44; ++i)
        CHECK((*out)[static_cast<size_t>(i)] ==
              std::vector<double>(ref.begin() + i * 6, ref.begin() + i * 6 + 6));
      REQUIRE_FALSE(progress.empty());
      CHECK(progress.back() == 44);
      CHECK(std::is_sorted(progress.begin(), progress.end()));
    }
  }
}

TEST_CASE(
    "BatchRunner predictions match PredictTop5 of each output; the callback sees global indices",
    "[runner]") {
  std::mt19937 rng(22);
  const Program p = SmallNet(rng);
  const std::vector<uint8_t> pixels = RandomBytes(rng, 20 * 25, 0, 2);
  const ImageSet images{pixels.data(), 20, 5, 5, 1};
  const ExactXbarEngine engine(p);
  BatchRunner runner(p, engine, {2, 3});
  auto outputs = runner.Outputs(images, 0, 20);
  auto predictions = runner.Predict(images, 0, 20);
  REQUIRE(outputs.ok());
  REQUIRE(predictions.ok());
  for (size_t i = 0; i < 20; ++i) {
    const Prediction want = PredictTop5((*outputs)[i]);
    CHECK((*predictions)[i].top1 == want.top1);
    CHECK((*predictions)[i].top5 == want.top5);
  }
  std::mutex mu;
  std::vector<int64_t> seen;
  REQUIRE(runner
              .Run(images, 5, 12,
                   [&](int64_t image, std::span<const double> out) {
                     std::lock_guard<std::mutex> lock(mu);
                     CHECK(std::vector<double>(out.begin(), out.end()) ==
                           (*outputs)[static_cast<size_t>(image)]);
                     seen.push_back(image);
                   })
              .ok());
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<int64_t>{5, 6, 7, 8, 9, 10, 11});
}

TEST_CASE("PredictTop5 ranks by value, ties to the lowest index, -1 past the classes", "[runner]") {
  const std::vector<double> v{0.1, 0.7, 0.7, -1.0, 0.2, 0.7, 0.0};
  const Prediction p = PredictTop5(v);
  CHECK(p.top1 == 1);
  CHECK(p.top5 == std::array<int32_t, 5>{1, 2, 5, 4, 0});
  const Prediction small = PredictTop5(std::vector<double>{2.0, 3.0});
  CHECK(small.top1 == 1);
  CHECK(small.top5 == std::array<int32_t, 5>{1, 0, -1, -1, -1});
}

TEST_CASE("BatchRunner returns the error of the lowest failing batch and checks its inputs",
          "[runner]") {
  std::mt19937 rng(23);
  const Program p = SmallNet(rng);
  const std::vector<uint8_t> pixels = RandomBytes(rng, 40 * 25, 0, 2);
  const ImageSet images{pixels.data(), 40, 5, 5, 1};
  const ImageKeyedEngine engine(p, 17);  // batch 2 (images 16..23) fails first at image 17
  for (const int threads : {1, 3}) {
    BatchRunner runner(p, engine, {threads, 8});
    CHECK(runner.Run(images, 0, 40, {}).ToString() == "Internal: image 17 failed");
  }
  BatchRunner runner(p, engine, {1, 8});
  CHECK(runner.Run(images, 30, 41, {}).ToString() ==
        "InvalidArgument: image range [30, 41) is outside the dataset's 40 images");
  const ImageSet wrong{pixels.data(), 40, 5, 5, 3};
  CHECK(runner.Run(wrong, 0, 1, {}).ToString() ==
        "InvalidArgument: model input {1,5,5} (NCHW) does not fit dataset images {5,5,3} (HWC)");
  CHECK(runner.Run(images, 4, 4, {}).ok());
}

}  // namespace
}  // namespace cim
