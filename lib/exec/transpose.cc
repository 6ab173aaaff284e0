// Transpose (a permutation of per-image axes) and Reshape (a plain copy: the
// data order does not change).

#include <algorithm>

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const TransposeOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  const Dims& os = ctx.Shape(op.output);
  const int64_t numel = ctx.Numel(op.input);
  const std::vector<int64_t> in_strides = RowMajorStrides(ctx.Shape(op.input));
  const size_t rank = os.size();
  // Output axis i walks input axis perm[i].
  std::vector<int64_t> step(rank);
  for (size_t i = 0; i < rank; ++i) step[i] = in_strides[static_cast<size_t>(op.perm[i])];
  double* out = ctx.Out(op.output);
  std::vector<int64_t> idx(rank, 0);
  for (int64_t img = 0; img < ctx.n; ++img) {
    const double* src = in.data() + img * numel;
    double* dst = out + img * numel;
    std::fill(idx.begin(), idx.end(), 0);
    int64_t from = 0;
    for (int64_t e = 0; e < numel; ++e) {
      dst[e] = src[from];
      for (size_t d = rank; d-- > 0;) {  // odometer increment of the output index
        from += step[d];
        if (++idx[d] < os[d]) break;
        from -= step[d] * os[d];
        idx[d] = 0;
      }
    }
  }
  return Status::Ok();
}

Status ExecOp(const ReshapeOp& op, const ExecContext& ctx) {
  const TensorBuffer& in = ctx.In(op.input);
  double* out = ctx.Out(op.output);
  std::copy(in.begin(), in.end(), out);
  return Status::Ok();
}

}  // namespace cim
