#pragma once
// Constant evaluation of graph-IR nodes: the importer folds every node whose
// inputs are all constant (so an unfolded weight quantizer
// `W -> Sign -> Add(0.1) -> Sign -> Conv` arrives as a +-1 constant), and passes
// may use it too. Semantics are ONNX's (Sign(0) = 0, Round half to even,
// BipolarQuant(x) = (x >= 0 ? 1 : -1) * scale); float results are rounded to
// float32 like an ONNX runtime would.

#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// True when EvaluateNode can evaluate `op_type`.
bool CanEvaluate(const std::string& op_type);

/// True when node `node` can be folded now: its op can be evaluated and every
/// present input is constant (Shape needs only a known input shape).
bool IsFoldable(const Graph& g, int node);

/// Evaluates node `node` (outputs' dtypes and shapes already inferred) and
/// returns one tensor per output. Errors (prefix g.Where(node)): InvalidArgument
/// for values the op rejects (Gather index out of range, integer division by
/// zero), Unsupported for an op without an evaluator.
Result<std::vector<Tensor>> EvaluateNode(const Graph& g, int node);

}  // namespace cim
