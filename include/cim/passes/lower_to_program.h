#pragma once
// Pass "lower_to_program": translates the rewritten graph into the tile IR.
//
// Why: after the graph passes, every node is either a crossbar layer or
// threshold (cim domain) or an ONNX op with a direct tile-IR counterpart; this
// pass maps them one to one, allocates the tensors (per-image shapes, value
// sets) and merges chains of elementwise nodes into single PointwiseOps.

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim {

/// Fills `program.tensors`, `ops`, `output` and `input.shape` from `g`, which
/// must have exactly one (non-constant) input and one output. The other
/// header fields of `program` (names, input layout/scale/offset) are the
/// caller's. Mapping of nodes:
///   cim.XbarLinear → XbarLinearOp, cim.Threshold → ThresholdOp;
///   Conv / Gemm / MatMul with constant weights → DigitalLinearOp;
///   elementwise ops with scalar or per-channel constants, BatchNormalization,
///   BipolarQuant → PointwiseOp (single-use chains merged);
///   Add/Sub/Mul of two equal-shape tensors → BinaryOp;
///   MaxPool/AveragePool/GlobalAveragePool/GlobalMaxPool, ReduceMean over H,W → PoolOp;
///   Pad (constant) → PadOp; Transpose → TransposeOp;
///   Reshape/Flatten/Squeeze/Unsqueeze/Identity/Dropout → ReshapeOp;
///   Softmax → SoftmaxOp.
/// Anything else is Unsupported, naming the node, its op and what would make
/// it work.
Status LowerToProgram(const Graph& g, Program& program);

}  // namespace cim
