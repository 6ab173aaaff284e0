// Elementwise Add / Sub / Mul of two tensors of the same shape.

#include "lib/exec/op_kernels.h"

namespace cim {

Status ExecOp(const BinaryOp& op, const ExecContext& ctx) {
  const TensorBuffer& a = ctx.In(op.lhs);
  const TensorBuffer& b = ctx.In(op.rhs);
  double* out = ctx.Out(op.output);
  const size_t size = a.size();
  switch (op.kind) {
    case BinaryOp::Kind::kAdd:
      for (size_t i = 0; i < size; ++i) out[i] = a[i] + b[i];
      break;
    case BinaryOp::Kind::kSub:
      for (size_t i = 0; i < size; ++i) out[i] = a[i] - b[i];
      break;
    case BinaryOp::Kind::kMul:
      for (size_t i = 0; i < size; ++i) out[i] = a[i] * b[i];
      break;
  }
  return Status::Ok();
}

}  // namespace cim
