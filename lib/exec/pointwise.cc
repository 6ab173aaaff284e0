// Elementwise chains of ONNX ops with scalar or per-channel constants, via
// the one ApplyPointwiseChain the threshold-folding pass also uses.

#include "cim/tile/pointwise.h"

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const PointwiseOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const auto [outer, channels, inner] = SplitAroundAxis(ctx, op.input, op.channel_axis);
  double* out = ctx.Out(op.output);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t c = 0; c < channels; ++c) {
      const int64_t base = (o * channels + c) * inner;
      for (int64_t i = base; i < base + inner; ++i)
        out[i] = ApplyPointwiseChain(op.steps, c, in[static_cast<size_t>(i)]);
    }
  }
  return Status::Ok();
}

}  // namespace cim
