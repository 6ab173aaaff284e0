#pragma once
// Pass "fuse_bias": makes the bias part of the linear layer it belongs to.
//
// Why: exporters write a dense layer's bias as `MatMul → Add(const)` (dynamic
// batch) or as `Gemm` with alpha/beta/transB, and a conv bias as a separate
// `Add`. One normal form — `Gemm(x, B[in,out], C[out])` with transA=transB=0,
// alpha=beta=1, and `Conv(x, W, B)` — lets the crossbar lowering see the layer
// and its bias as one unit.

#include "cim/graph/graph.h"

namespace cim {

/// - Gemm with a constant B and transA=0: transB, alpha and beta are folded
///   into B and C (C becomes one value per output).
/// - MatMul(x[1,K], const B[K,M]) whose only reader is Add(const, per output
///   or scalar) becomes Gemm(x, B, C).
/// - Conv without bias whose only reader is Add(const, per output channel or
///   scalar) gets it as its bias input.
/// Anything else is left as it is.
Status FuseBias(Graph& g);

}  // namespace cim
