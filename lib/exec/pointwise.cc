// Elementwise chains of ONNX ops with scalar or per-channel constants, via
// the one ApplyPointwiseChain the threshold-folding pass also uses.

#include "cim/tile/pointwise.h"
#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const PointwiseOp& op, const ExecContext& ctx) {
  const std::vector<double>& in = ctx.In(op.input);
  const Dims& shape = ctx.Shape(op.input);
  const int64_t numel = ctx.Numel(op.input);
  // Element e of an image lies in channel (e / inner) % channels.
  const int64_t channels = shape.empty() ? 1 : shape[static_cast<size_t>(op.channel_axis)];
  const int64_t inner = shape.empty() ? 1 : RowMajorStrides(shape)[static_cast<size_t>(op.channel_axis)];
  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    const double* src = in.data() + img * numel;
    double* dst = out + img * numel;
    for (int64_t e = 0; e < numel; ++e) dst[e] = ApplyPointwiseChain(op.steps, (e / inner) % channels, src[e]);
  }
  return Status::Ok();
}

}  // namespace cim
