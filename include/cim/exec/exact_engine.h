#pragma once
// The exact reference for crossbar layers: W·x over {-1,0,+1} computed with
// bit-packed XNOR/popcount. Every simulation run also computes it as the
// baseline, so it is built for speed.

#include <memory>
#include <vector>

#include "cim/exec/xbar_engine.h"
#include "cim/tile/program.h"

namespace cim {

/// Weights of one group of one crossbar layer, packed into 64-bit words: bit k
/// of the sign plane is set iff w[k] = -1, of the nonzero plane iff w[k] != 0.
/// Word-major (word w of row r at [w * padded_rows + r]) so that a kernel
/// reads the same word of consecutive rows together.
struct PackedWeights {
  int64_t rows = 0;         // outputs of the group
  int64_t padded_rows = 0;  // rows rounded up to the kernel's row block
  int64_t k = 0;            // inputs per row (ConvGeometry::PatchSize())
  int64_t words = 0;        // ceil(k / 64)
  bool has_zero = false;    // any zero weight (then the general kernel runs)
  std::vector<uint64_t> sign, nonzero;
};

/// Packs `rows` x `k` row-major weights in {-1,0,+1}.
PackedWeights PackWeights(const int8_t* weights, int64_t rows, int64_t k);

/// Which popcount kernel the workers use.
enum class ExactKernel {
  kBest,      // AVX-512 VPOPCNTDQ when the CPU has it, else portable
  kPortable,  // scalar 64-bit popcount (benchmarks and tests)
};

/// Exact integer W·x for every XbarLinearOp of a program, ignoring tiles (the
/// sum is exact however the matrix is split). Weights are packed once here and
/// shared read-only by all workers; patches are packed per call.
class ExactXbarEngine : public XbarEngine {
 public:
  /// Packs the weights of every XbarLinearOp in `program` (copied; the program
  /// need not outlive the engine).
  explicit ExactXbarEngine(const Program& program, ExactKernel kernel = ExactKernel::kBest);

  std::unique_ptr<XbarWorker> NewWorker() const override;

  /// Packed weights of op `op_index`, one entry per group; nullptr if that op
  /// is not a crossbar layer.
  const std::vector<PackedWeights>* Layer(int op_index) const;

 private:
  std::vector<std::vector<PackedWeights>> layers_;  // [op index][group]
  std::vector<bool> is_xbar_;                       // [op index]
  ExactKernel kernel_;
};

}  // namespace cim
