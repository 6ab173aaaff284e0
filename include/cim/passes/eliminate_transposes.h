#pragma once
// Pass "eliminate_transposes": removes the layout transposes tf2onnx leaves in
// Larq graphs.
//
// Why: tf2onnx runs Conv/Pool/BN in NCHW but cannot push its transposes
// through Sign (larq-onnx.md §3.4), so every sign chain sits in an NHWC island
// `Transpose(0,2,3,1) → Sign → Add(0.1) → Sign [→ Pad] → Transpose(0,3,1,2)`,
// and the graph input is NHWC followed by `Transpose(0,3,1,2)`. Removing them
// puts the quantizer chain right after the layer it follows, which is what
// threshold folding needs, and saves two data movements per layer.

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim {

/// 1. A graph input read only by Transpose(0,3,1,2) becomes an NCHW input:
///    its shape is permuted, the transposes are removed and `input_layout`
///    is set to kNCHW (else it is left unchanged).
/// 2. The island of a Transpose(p) — the elementwise ops and Pads computed
///    from its output and constants — is rewritten to run in the outer
///    layout: per-axis constants and Pad pads are permuted, Transpose(p⁻¹)
///    exits cancel, and any other reader of an island value (a Reshape, a
///    graph output) gets a Transpose(p) of its own, i.e. the transpose moves
///    down past the elementwise chain. This is what puts a quantizer chain
///    right after the layer that feeds it, for threshold folding.
/// Other transposes stay (e.g. the NHWC flatten before a Dense layer, which
/// fixes the feature order).
Status EliminateTransposes(Graph& g, Layout& input_layout);

}  // namespace cim
