#pragma once
// The reference executor: runs a tile-IR Program over a batch of images,
// evaluating digital ops in double precision (in the order of operations of
// the source ONNX graph) and handing crossbar layers to an XbarWorker.

#include <cstdint>
#include <memory>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/support/status.h"
#include "cim/tile/program.h"

namespace cim {

struct ExecScratch;  // reused buffers, private to lib/exec

/// Checks that dataset images of h x w x c (HWC) fit the program input `spec`.
/// A rank-3 spec must be {h,w,c} (NHWC) or {c,h,w} (NCHW); another rank is
/// accepted in NHWC when its element count is h*w*c (the pixels are taken as
/// they are). The InvalidArgument error names both shapes.
Status CheckInputMatches(const InputSpec& spec, int64_t h, int64_t w, int64_t c);

/// Runs one Program batch by batch. Not thread-safe: give each thread its own
/// Executor and XbarWorker. Both `program` (which must pass VerifyProgram) and
/// `worker` must outlive the executor.
class Executor {
 public:
  Executor(const Program& program, XbarWorker& worker);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Runs n images given as raw HWC bytes laid out as the program input
  /// expects (see CheckInputMatches), image after image. `first_image_index`
  /// is the global index of the first image (it keys per-image noise).
  /// Resizes `outputs` to n x OutputSize() doubles, image after image.
  /// Errors: whatever the worker returns, or Internal when a crossbar layer
  /// receives a value outside {-1, 0, +1}.
  Status Run(const uint8_t* raw_images, int64_t n, int64_t first_image_index,
             std::vector<double>* outputs);

  /// Elements of the program output per image.
  int64_t OutputSize() const { return output_size_; }

 private:
  /// Writes tensor 0 of n images to x (n x numel).
  void LoadInput(const uint8_t* raw_images, int64_t n, double* x);

  const Program& program_;
  XbarWorker& worker_;
  int64_t output_size_ = 0;
  /// free_after_[i]: tensors that no op after op i reads, released after it.
  std::vector<std::vector<int>> free_after_;
  std::unique_ptr<ExecScratch> scratch_;  // the batch's tensors and reused buffers
};

}  // namespace cim
