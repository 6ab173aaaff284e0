// Per-channel step function of an integer-valued input (a folded BatchNorm +
// quantizer): low below lower[c], mid in [lower[c], upper[c]), high from upper[c].

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const ThresholdOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const Dims& shape = ctx.Shape(op.input);
  const int64_t numel = ctx.Numel(op.input);
  // Per image the layout is [outer][channel][inner] around the channel axis.
  const int64_t channels = shape.empty() ? 1 : shape[static_cast<size_t>(op.channel_axis)];
  const int64_t inner =
      shape.empty() ? 1 : RowMajorStrides(shape)[static_cast<size_t>(op.channel_axis)];
  const int64_t outer = ctx.n * numel / (channels * inner);
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
