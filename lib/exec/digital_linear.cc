// A real-valued matrix layer: y[m] = (sum over k in order of W[m][k] x[k],
// starting from 0) + bias[m], over im2col patches padded with pad_value.

#include "lib/exec/im2col.h"
#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const DigitalLinearOp& op, const ExecContext& ctx) {
  const ConvGeometry& g = op.geom;
  const TensorBuffer& in = ctx.In(op.input);
  const int64_t positions = g.Positions(), row = Im2ColRowSize(g), in_numel = ctx.Numel(op.input);
  const int64_t k_size = g.PatchSize(), per_group = g.OutputsPerGroup();
  TensorBuffer& patches = ctx.scratch.real_patches;
  patches.resize(static_cast<size_t>(positions * row));
  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    Im2ColImage<double>(g, in.data() + img * in_numel, g.pad_value, patches.data());
    double* dst = out + img * g.out_channels * positions;
    for (int64_t p = 0; p < positions; ++p) {
      const double* patch = patches.data() + p * row;
      for (int64_t m = 0; m < g.out_channels; ++m) {
        const double* x = patch + (m / per_group) * k_size;
        const double* w = op.weights.data() + m * k_size;
        double acc = 0.0;
        for (int64_t k = 0; k < k_size; ++k) acc += w[k] * x[k];
        if (!op.bias.empty()) acc += op.bias[static_cast<size_t>(m)];
        dst[m * positions + p] = acc;
      }
    }
  }
  return Status::Ok();
}

}  // namespace cim
