#include "sim/decay_curve.h"

#include <cmath>
#include <limits>

namespace cim::sim {
namespace {
// The memo grows with the most-read row (4 bytes per read), up to 32 MiB: an
// unmitigated conv layer reads a row about 200 times per image, so a capped
// memo would send every update of a long run through pow(); 2^23 reads cover
// 40,000 MNIST images. Mitigated runs stay below their refresh point.
constexpr uint64_t kMemoMax = uint64_t{1} << 23;
// ReadsBelow grows the memo up to here (256 KiB).
constexpr uint64_t kSearchMemo = uint64_t{1} << 16;
constexpr uint64_t kNever = std::numeric_limits<uint64_t>::max();
}  // namespace

DecayCurve::DecayCurve(const ReadDisturbModel& model, double t_read_s, uint64_t cycles)
    : model_(&model), t_read_s_(t_read_s), failure_(model.Failure(cycles)) {
  onset_ = ReadsToReach(failure_.tau_s);
}

uint64_t DecayCurve::ReadsToReach(double t_s) const {
  if (!(t_s > 0.0)) return 0;
  const double x = std::ceil(t_s / t_read_s_);
  if (x >= 1e18) return kNever;
  auto n = static_cast<uint64_t>(x);
  // Settle the rounding of the division: n is the first count with n·t_read >= t.
  while (n > 0 && static_cast<double>(n - 1) * t_read_s_ >= t_s) --n;
  while (static_cast<double>(n) * t_read_s_ < t_s) ++n;
  return n;
}

float DecayCurve::Compute(uint64_t reads) const {
  return static_cast<float>(
      model_->ConductanceRatio(static_cast<double>(reads) * t_read_s_, failure_));
}

float DecayCurve::RatioPastMemo(uint64_t reads) {
  const uint64_t i = reads - onset_;
  if (i >= kMemoMax) return Compute(reads);
  while (memo_.size() <= i) memo_.push_back(Compute(onset_ + memo_.size()));
  return memo_[i];
}

uint64_t DecayCurve::ReadsBelow(double min_ratio) {
  if (min_ratio > 1.0) return 0;
  if (!(min_ratio > 0.0)) return kNever;  // G/G0 >= 0 always
  if (failure_.past_cycle_limit) return 1;
  // Cells without D2D share their threshold: one search per curve.
  if (min_ratio == last_min_ratio_) return last_reads_below_;
  last_min_ratio_ = min_ratio;
  last_reads_below_ = SearchBelow(min_ratio);
  return last_reads_below_;
}

uint64_t DecayCurve::SearchBelow(double min_ratio) {
  // (n·t_read/τ)^(−p) < r  <=>  n > (τ/t_read)·r^(−1/p); then settle rounding.
  const double x = failure_.tau_s / t_read_s_ * std::pow(min_ratio, -1.0 / model_->exponent());
  if (!(x < 1e18)) return kNever;
  // Near the onset, where mitigated cells are refreshed, through the memo
  // (the cells' updates read those values anyway); far out, pow() directly.
  auto value = [&](uint64_t n) { return n - onset_ < kSearchMemo ? Ratio(n) : Compute(n); };
  uint64_t n = std::max(onset_, static_cast<uint64_t>(x));
  while (value(n) >= min_ratio) ++n;
  while (n > onset_ && value(n - 1) < min_ratio) --n;
  return n;
}

}  // namespace cim::sim
