#pragma once
// Pass "fold_constants": evaluates nodes whose inputs are all constants.
//
// Why: weight quantizers that the exporter did not fold (pattern 6 of
// larq-onnx.md: `W → Sign → Add(0.1) → Sign → Conv`, `W → BipolarQuant`,
// PyTorch's `W → Sign`), a Transpose of a constant kernel, or a Reshape of a
// constant leave the crossbar layer with a computed weight; after folding the
// weight is a constant that lower_crossbar_layers can classify.

#include "cim/graph/graph.h"

namespace cim {

/// Replaces every elementwise (Add, Sub, Mul, Div, Max, Min, Sign, Relu, Neg,
/// Abs, Clip, BipolarQuant, Cast, Identity) or layout (Transpose, Reshape,
/// Flatten, Squeeze, Unsqueeze) node whose inputs are all constants by a
/// constant, and drops the dead nodes. Other ops are left alone.
Status FoldConstants(Graph& g);

}  // namespace cim
