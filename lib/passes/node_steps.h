#pragma once
// Translation of one elementwise graph node with constant operands into
// PointwiseSteps: the single place that knows how ONNX Add/Sub/Mul/Div/Max/
// Min/Clip/Sign/Relu/Neg/Abs/BatchNormalization/BipolarQuant read, so that
// value-set analysis, threshold folding and lowering agree.

#include <vector>

#include "cim/graph/graph.h"
#include "cim/tile/program.h"

namespace cim::passes {

struct NodeSteps {
  int data_value = -1;    // the one non-constant input
  int channel_axis = -1;  // per-image axis of per-channel constants, -1 if all scalar
  std::vector<PointwiseStep> steps;  // may be empty (Identity)
};

/// True if `n` is an elementwise op of one tensor and constants that
/// StepsForNode can translate (the constants' shapes are checked there).
bool IsPointwiseNode(const Graph& g, const Node& n);

/// Steps equivalent to node `node_index` (precondition: IsPointwiseNode).
/// Unsupported, naming the node, when a constant is neither a scalar nor
/// per-channel along one axis.
Result<NodeSteps> StepsForNode(const Graph& g, int node_index);

}  // namespace cim::passes
