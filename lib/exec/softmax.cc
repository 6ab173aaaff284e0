// ONNX Softmax (opset 13) over one axis, numerically stable: exp(x - max)
// divided by the sum of those exponentials, summed in axis order.

#include <algorithm>
#include <cmath>

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const SoftmaxOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const Dims& shape = ctx.Shape(op.input);
  const int64_t numel = ctx.Numel(op.input);
  const int64_t len = shape[static_cast<size_t>(op.axis)];
  const int64_t inner = RowMajorStrides(shape)[static_cast<size_t>(op.axis)];
  const int64_t outer = numel / (len * inner);
  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t base = img * numel + o * len * inner + i;
        double max = in[static_cast<size_t>(base)];
        for (int64_t k = 1; k < len; ++k)
          max = std::max(max, in[static_cast<size_t>(base + k * inner)]);
        double sum = 0.0;
        for (int64_t k = 0; k < len; ++k) {
          const double e = std::exp(in[static_cast<size_t>(base + k * inner)] - max);
          out[base + k * inner] = e;
          sum += e;
        }
        for (int64_t k = 0; k < len; ++k) out[base + k * inner] /= sum;
      }
    }
  }
  return Status::Ok();
}

}  // namespace cim
