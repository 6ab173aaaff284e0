#pragma once
// G/G0 of an LRS cell as a function of the number of reads it has taken since
// it was programmed, for one programming-cycle count: the read-disturb model
// (read_disturb_model.h) sampled at integer read counts and memoised, because
// the engine asks for the same few hundred thousand values again and again.

#include <cstdint>
#include <vector>

#include "sim/read_disturb_model.h"

namespace cim::sim {

class DecayCurve {
 public:
  DecayCurve(const ReadDisturbModel& model, double t_read_s, uint64_t cycles);

  /// G/G0 after `reads` reads of t_read each (1 before the failure time).
  float Ratio(uint64_t reads) {
    if (reads < onset_) return 1.0f;
    const uint64_t i = reads - onset_;
    return i < memo_.size() ? memo_[i] : RatioPastMemo(reads);
  }
  /// The smallest read count whose G/G0 is below `min_ratio`, or UINT64_MAX
  /// if the curve never goes below it. Settles the closed-form estimate on the
  /// memo near the onset, so a mitigated cell's refresh point costs one pow().
  uint64_t ReadsBelow(double min_ratio);
  /// Reads of t_read each that reach t: the first count in the failure region.
  uint64_t ReadsToReach(double t_s) const;
  const FailureTime& failure() const { return failure_; }
  /// The first read count at or past τ; G/G0 is 1 below it.
  uint64_t onset_reads() const { return onset_; }

 private:
  float Compute(uint64_t reads) const;
  float RatioPastMemo(uint64_t reads);  // grows the memo up to its cap
  uint64_t SearchBelow(double min_ratio);

  const ReadDisturbModel* model_;
  double t_read_s_;
  FailureTime failure_;
  uint64_t onset_ = 0;        // first read count at or past τ
  std::vector<float> memo_;   // Ratio(onset_ + i), grown on demand up to kMemoMax
  double last_min_ratio_ = -1.0;  // ReadsBelow's last question and answer
  uint64_t last_reads_below_ = 0;
};

}  // namespace cim::sim
