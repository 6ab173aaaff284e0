// Per-channel step function of an integer-valued input (a folded BatchNorm +
// quantizer): low below lower[c], mid in [lower[c], upper[c]), high from upper[c].

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const ThresholdOp& op, const ExecContext& ctx) {
  const std::vector<double>& in = ctx.In(op.input);
  const Dims& shape = ctx.Shape(op.input);
  const int64_t numel = ctx.Numel(op.input);
  const int64_t channels = shape.empty() ? 1 : shape[static_cast<size_t>(op.channel_axis)];
  const int64_t inner = shape.empty() ? 1 : RowMajorStrides(shape)[static_cast<size_t>(op.channel_axis)];
  const bool scalar = op.lower.size() == 1;
  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    const double* src = in.data() + img * numel;
    double* dst = out + img * numel;
    for (int64_t e = 0; e < numel; ++e) {
      const size_t c = scalar ? 0 : static_cast<size_t>((e / inner) % channels);
      const double x = src[e];
      const int8_t y = x < static_cast<double>(op.lower[c])   ? op.low[c]
                       : x < static_cast<double>(op.upper[c]) ? op.mid[c]
                                                               : op.high[c];
      dst[e] = y;
    }
  }
  return Status::Ok();
}

}  // namespace cim
