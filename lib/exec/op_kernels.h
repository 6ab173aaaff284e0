#pragma once
// One kernel per tile-IR op kind, each in its own file, all with the same
// signature so that the executor dispatches with std::visit. Each reads its
// inputs from and writes its output to ctx.tensors for the whole batch.

#include "cim/support/status.h"
#include "lib/exec/exec_context.h"

namespace cim {

Status ExecOp(const XbarLinearOp& op, const ExecContext& ctx);     // xbar_linear.cc
Status ExecOp(const DigitalLinearOp& op, const ExecContext& ctx);  // digital_linear.cc
Status ExecOp(const PointwiseOp& op, const ExecContext& ctx);      // pointwise.cc
Status ExecOp(const ThresholdOp& op, const ExecContext& ctx);      // threshold.cc
Status ExecOp(const PoolOp& op, const ExecContext& ctx);           // pool.cc
Status ExecOp(const PadOp& op, const ExecContext& ctx);            // pad.cc
Status ExecOp(const TransposeOp& op, const ExecContext& ctx);      // transpose.cc
Status ExecOp(const ReshapeOp& op, const ExecContext& ctx);        // transpose.cc
Status ExecOp(const BinaryOp& op, const ExecContext& ctx);         // binary_op.cc
Status ExecOp(const SoftmaxOp& op, const ExecContext& ctx);        // softmax.cc

}  // namespace cim
