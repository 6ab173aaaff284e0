#pragma once
// The seam between the digital executor and whatever computes crossbar layers:
// the exact reference (bit-packed XNOR/popcount) or the crossbar simulator.

#include <cstdint>
#include <memory>

#include "cim/tile/program.h"

namespace cim {

/// One crossbar layer applied to a batch of im2col patches.
struct XbarCall {
  const XbarLinearOp* op = nullptr;
  int op_index = 0;  // index of the op in Program::ops (stable key for RNG streams)
  /// num_patches x (groups * PatchSize()) values in {-1,0,+1}, row-major.
  /// Group g's patch starts at column g * PatchSize(). Zero entries are
  /// padding (or ternary zeros) and drive no row.
  const int8_t* patches = nullptr;
  int64_t num_patches = 0;
  /// Patch p belongs to image first_image + p / positions_per_image and output
  /// position p % positions_per_image. Images are numbered globally within a
  /// run so that per-read noise does not depend on batching or threads.
  int64_t first_image = 0;
  int64_t positions_per_image = 1;
  /// num_patches x out_channels, row-major: the (rounded once) integer W·x.
  int32_t* out = nullptr;
};

/// One per thread: computes calls and accumulates its own statistics.
class XbarWorker {
 public:
  virtual ~XbarWorker() = default;
  virtual Status Compute(const XbarCall& call) = 0;
};

/// Shared, immutable after construction (programmed cells, calibration),
/// safe to use from several threads through their own workers.
class XbarEngine {
 public:
  virtual ~XbarEngine() = default;
  virtual std::unique_ptr<XbarWorker> NewWorker() const = 0;

  /// A run of images starting at `first_image` begins. Engines whose
  /// crossbars change as they are read (read disturb) reset their state here
  /// and then need every layer to see the images in order.
  virtual void BeginRun(int64_t /*first_image*/) const {}
  /// A batch failed: calls waiting for an earlier image must give up.
  virtual void CancelRun() const {}
};

}  // namespace cim
