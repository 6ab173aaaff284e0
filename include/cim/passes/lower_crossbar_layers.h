#pragma once
// Pass "lower_crossbar_layers": decides which linear layers run on crossbars.
//
// Why: a crossbar computes exact integer products W·x of {-1,0,+1} matrices.
// A Conv or dense layer qualifies when the value-range analysis proves its
// input is in {-1,0,+1} and each output channel c of its constant weight is
// in {-s_c, 0, +s_c}: plain binary/ternary kernels, and ±s_c kernels from
// tf2onnx's Conv+BatchNormalization fusion (s_c may be negative there). The
// layer then is s_c * (sign(W)·x) + bias, computed as an integer crossbar
// product followed by ordinary elementwise Mul and Add nodes, so that later
// passes fold them into thresholds like any other elementwise chain.

#include "cim/graph/graph.h"

namespace cim {

/// Replaces each qualifying Conv (any stride, dilation, padding, groups), or
/// dense layer (Gemm in fuse_bias's normal form, or MatMul with a constant
/// [K,M] weight, on a [1,K] input) by
///   cim.XbarLinear(x) [→ Mul(s_c), omitted when every s_c is 1] [→ Add(bias)].
/// A `Pad(constant v ∈ {-1,0,+1})` feeding a Conv without its own padding (or
/// any zero Pad) is folded into the layer's pad_value / pads, so Larq's
/// pad_values=1 stays binary. Inputs in {0,1} (ste_heaviside) qualify as
/// ternary inputs (they need a TNN mapping). Other layers are left for the
/// digital lowering.
Status LowerCrossbarLayers(Graph& g);

}  // namespace cim
