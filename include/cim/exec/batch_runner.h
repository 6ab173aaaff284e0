#pragma once
// Runs a range of dataset images through a Program on several threads. Images
// are cut into fixed batches; threads take batches from a shared counter, each
// with its own Executor and XbarWorker. Crossbar calls carry global image
// indices, so results do not depend on the thread count or the batch size.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/support/status.h"
#include "cim/tile/program.h"

namespace cim {

/// An in-memory dataset: `count` images of h x w x c bytes (HWC), back to back.
struct ImageSet {
  const uint8_t* pixels = nullptr;
  int64_t count = 0;
  int64_t h = 0, w = 0, c = 0;
  int64_t ImageBytes() const { return h * w * c; }
};

struct BatchRunnerOptions {
  int threads = 0;          // 0: std::thread::hardware_concurrency()
  int64_t batch_size = 64;  // images per Executor::Run
};

/// Top-1 and top-5 classes of one output vector; ties go to the lower index.
/// Entries past the number of classes are -1.
struct Prediction {
  int32_t top1 = -1;
  std::array<int32_t, 5> top5 = {-1, -1, -1, -1, -1};
};

/// Ranks `output` (argmax ties -> lowest index).
Prediction PredictTop5(std::span<const double> output);

class BatchRunner {
 public:
  /// Called from worker threads (the caller synchronizes) with the global
  /// image index and that image's output vector, valid during the call only.
  using OutputFn = std::function<void(int64_t image_index, std::span<const double> output)>;
  /// Called on the thread that called Run with the number of images done.
  using ProgressFn = std::function<void(int64_t images_done)>;

  /// Creates one worker per thread from `engine`. `program` (verified) and
  /// `engine` must outlive the runner.
  BatchRunner(const Program& program, const XbarEngine& engine, BatchRunnerOptions options = {});

  /// Runs images [begin, end) of `images`. The first error (of the lowest
  /// batch that failed) stops the run and is returned; InvalidArgument when
  /// the images do not fit the program input or the range is outside the set.
  Status Run(const ImageSet& images, int64_t begin, int64_t end, const OutputFn& on_output,
             const ProgressFn& on_progress = {});

  /// Runs [begin, end) and returns the prediction of image begin + i at i.
  Result<std::vector<Prediction>> Predict(const ImageSet& images, int64_t begin, int64_t end,
                                          const ProgressFn& on_progress = {});

  /// Runs [begin, end) and returns the output vector of image begin + i at i.
  Result<std::vector<std::vector<double>>> Outputs(const ImageSet& images, int64_t begin,
                                                   int64_t end, const ProgressFn& on_progress = {});

  /// One worker per thread, kept across runs, e.g. to merge their statistics.
  std::vector<std::unique_ptr<XbarWorker>>& workers() { return workers_; }
  int threads() const { return static_cast<int>(workers_.size()); }

 private:
  const Program& program_;
  const XbarEngine& engine_;
  int64_t batch_size_;
  std::vector<std::unique_ptr<XbarWorker>> workers_;
};

}  // namespace cim
