// Per-channel step function of an integer-valued input (a folded BatchNorm +
// quantizer): low below lower[c], mid in [lower[c], upper[c]), high from upper[c].

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const ThresholdOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const auto [outer, channels, inner] = SplitAroundAxis(ctx, op.input, op.channel_axis);
  const bool scalar = op.lower.size() == 1;
  double* out = ctx.Out(op.output);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t ch = 0; ch < channels; ++ch) {
      const size_t c = scalar ? 0 : static_cast<size_t>(ch);
      const auto lower = static_cast<double>(op.lower[c]), upper = static_cast<double>(op.upper[c]);
      const double low = op.low[c], mid = op.mid[c], high = op.high[c];
      const int64_t base = (o * channels + ch) * inner;
      for (int64_t i = base; i < base + inner; ++i) {
        const double x = in[static_cast<size_t>(i)];
        out[i] = x < lower ? low : x < upper ? mid : high;
      }
    }
  }
  return Status::Ok();
}

}  // namespace cim
