#pragma once
// Pass "fold_constants": evaluates nodes whose inputs are all constants.
//
// Why: weight quantizers that the exporter did not fold (pattern 6 of
// larq-onnx.md: `W → Sign → Add(0.1) → Sign → Conv`, `W → BipolarQuant`,
// PyTorch's `W → Sign`), a Transpose of a constant kernel, or a Reshape of a
// constant leave a linear layer with a computed weight; after folding the
// weight is a constant that lower_crossbar_layers can classify. The importer
// folds too; this pass makes the pipeline independent of where a graph came
// from (hand-built graphs, future rewrites).

#include "cim/graph/graph.h"

namespace cim {

/// Replaces every node that the graph library's constant evaluator can fold
/// (IsFoldable, ONNX semantics) by constants and drops the dead nodes.
/// Errors: those of EvaluateNode (e.g. a Gather index out of range).
Status FoldConstants(Graph& g);

}  // namespace cim
