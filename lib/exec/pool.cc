// MaxPool (padding is -inf, i.e. ignored), AveragePool (divides by the whole
// window with count_include_pad, else by the in-image positions) and
// GlobalAveragePool, per channel of {C,H,W}. Sums run in window row-major order.

#include <limits>

#include "lib/exec/op_kernels.h"

namespace cim {
namespace {

/// One output value of a windowed pool over a single H x W plane.
double PoolWindow(const PoolOp& op, const double* plane, int64_t h, int64_t w, int64_t oy,
                  int64_t ox) {
  const int64_t y0 = oy * op.stride_h - op.pad_top, x0 = ox * op.stride_w - op.pad_left;
  double max = -std::numeric_limits<double>::infinity(), sum = 0.0;
  int64_t count = 0;
  for (int64_t ky = 0; ky < op.kernel_h; ++ky) {
    const int64_t y = y0 + ky * op.dilation_h;
    if (y < 0 || y >= h) continue;
    for (int64_t kx = 0; kx < op.kernel_w; ++kx) {
      const int64_t x = x0 + kx * op.dilation_w;
      if (x < 0 || x >= w) continue;
      const double v = plane[y * w + x];
      if (v > max) max = v;
      sum += v;
      ++count;
    }
  }
  if (op.kind == PoolOp::Kind::kMax) return max;
  const int64_t divisor = op.count_include_pad ? op.kernel_h * op.kernel_w : count;
  return sum / static_cast<double>(divisor);
}

}  // namespace

Status ExecOp(const PoolOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const Dims& is = ctx.Shape(op.input);
  const Dims& os = ctx.Shape(op.output);
  const int64_t c = is[0], h = is[1], w = is[2], oh = os[1], ow = os[2];
  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    for (int64_t ch = 0; ch < c; ++ch) {
      const double* plane = in.data() + (img * c + ch) * h * w;
      double* dst = out + (img * c + ch) * oh * ow;
      if (op.kind == PoolOp::Kind::kGlobalAverage) {
        double sum = 0.0;
        for (int64_t i = 0; i < h * w; ++i) sum += plane[i];
        dst[0] = sum / static_cast<double>(h * w);
        continue;
      }
      for (int64_t oy = 0; oy < oh; ++oy)
        for (int64_t ox = 0; ox < ow; ++ox) dst[oy * ow + ox] = PoolWindow(op, plane, h, w, oy, ox);
    }
  }
  return Status::Ok();
}

}  // namespace cim
