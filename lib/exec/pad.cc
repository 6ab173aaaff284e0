// Constant padding of any rank: fill with the value, then copy the input into
// the interior one innermost row at a time.

#include <algorithm>

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const PadOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const Dims& is = ctx.Shape(op.input);
  const int64_t in_numel = ctx.Numel(op.input), out_numel = ctx.Numel(op.output);
  const std::vector<int64_t> out_strides = RowMajorStrides(ctx.Shape(op.output));
  double* out = ctx.Out(op.output);
  std::fill(out, out + ctx.n * out_numel, op.value);
  const size_t rank = is.size();
  if (rank == 0) {
    for (int64_t img = 0; img < ctx.n; ++img) out[img] = in[static_cast<size_t>(img)];
    return Status::Ok();
  }
  const int64_t row = is[rank - 1];
  std::vector<int64_t> idx(rank, 0);  // input index of the current row (last entry stays 0)
  for (int64_t img = 0; img < ctx.n; ++img) {
    for (int64_t start = 0; start < in_numel; start += row) {
      int64_t rem = start;  // unravel the row's start index
      for (size_t d = rank; d-- > 0;) {
        idx[d] = rem % is[d];
        rem /= is[d];
      }
      int64_t dst = img * out_numel;
      for (size_t d = 0; d < rank; ++d) dst += (idx[d] + op.pads_begin[d]) * out_strides[d];
      std::copy(in.data() + img * in_numel + start, in.data() + img * in_numel + start + row,
                out + dst);
    }
  }
  return Status::Ok();
}

}  // namespace cim
