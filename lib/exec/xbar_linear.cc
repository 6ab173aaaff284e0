// A crossbar layer: the input must be ternary; im2col it into int8 patches,
// let the worker compute W·x for the whole batch in one call, and scatter the
// [patch][out_channel] integers into NCHW.

#include <cmath>
#include <sstream>

#include "lib/exec/im2col.h"
#include "lib/exec/op_kernels.h"

namespace cim {
namespace {

std::string ValueText(double v) {
  std::ostringstream s;
  s.precision(17);
  s << v;
  return s.str();
}

/// Converts the batch to int8, refusing anything but exactly -1, 0, +1.
Status ToTernary(const TensorBuffer& in, const ExecContext& ctx, int tensor, int8_t* out) {
  for (size_t i = 0; i < in.size(); ++i) {
    const double v = in[i];
    // The range test comes first (it also rejects NaN): only then is the cast defined.
    const bool in_range = v >= -1.0 && v <= 1.0;
    const auto q = static_cast<int8_t>(in_range ? v : 0.0);
    if (!in_range || q != v) {
      const int64_t numel = ctx.Numel(tensor);
      return Internal(ctx.Where() + ": input tensor " + std::to_string(tensor) + " holds " +
                      ValueText(v) + " at element " +
                      std::to_string(static_cast<int64_t>(i) % numel) + " of image " +
                      std::to_string(ctx.first_image + static_cast<int64_t>(i) / numel) +
                      ", expected -1, 0 or +1");
    }
    out[i] = q;
  }
  return Status::Ok();
}

}  // namespace

Status ExecOp(const XbarLinearOp& op, const ExecContext& ctx) {
  const ConvGeometry& g = op.geom;
  const TensorBuffer& in = ctx.In(op.input);
  ExecScratch& s = ctx.scratch;
  s.ternary.resize(in.size());
  CIM_RETURN_IF_ERROR(ToTernary(in, ctx, op.input, s.ternary.data()));

  const int64_t positions = g.Positions(), row = Im2ColRowSize(g), in_numel = ctx.Numel(op.input);
  const int64_t patches = ctx.n * positions;
  const int8_t* patch_data = s.ternary.data();
  const bool identity = g.kernel_h == 1 && g.kernel_w == 1 && g.in_h == 1 && g.in_w == 1 &&
                        g.pad_top == 0 && g.pad_left == 0 && g.pad_bottom == 0 && g.pad_right == 0;
  if (!identity) {  // a dense layer's input already is its one patch per image
    s.patches.resize(static_cast<size_t>(patches * row));
    const auto pad = static_cast<int8_t>(g.pad_value);
    for (int64_t img = 0; img < ctx.n; ++img)
      Im2ColImage<int8_t>(g, s.ternary.data() + img * in_numel, pad,
                          s.patches.data() + img * positions * row);
    patch_data = s.patches.data();
  }

  s.xbar_out.resize(static_cast<size_t>(patches * g.out_channels));  // the worker writes all of it
  XbarCall call;
  call.op = &op;
  call.op_index = ctx.op_index;
  call.patches = patch_data;
  call.num_patches = patches;
  call.first_image = ctx.first_image;
  call.positions_per_image = positions;
  call.out = s.xbar_out.data();
  CIM_RETURN_IF_ERROR(ctx.worker.Compute(call));

  double* out = ctx.Out(op.output);
  for (int64_t img = 0; img < ctx.n; ++img) {
    double* dst = out + img * g.out_channels * positions;
    const int32_t* src = s.xbar_out.data() + img * positions * g.out_channels;
    for (int64_t p = 0; p < positions; ++p)
      for (int64_t m = 0; m < g.out_channels; ++m)
        dst[m * positions + p] = src[p * g.out_channels + m];
  }
  return Status::Ok();
}

}  // namespace cim
