#pragma once
// Small graph surgery helpers shared by the passes: adding values, restoring
// topological order after a pass appended nodes, and the node predicates every
// pass asks.

#include <string>
#include <vector>

#include "cim/graph/graph.h"

namespace cim::passes {

/// Adds a non-constant float value with `shape` and returns its id.
int AddTensorValue(Graph& g, std::string name, Shape shape);

/// Reorders `g.nodes` topologically, keeping the existing order where it is
/// already valid, and recomputes every Value::producer. Passes append new
/// nodes at the end and call this once. Internal error on a cycle.
Status RestoreTopologicalOrder(Graph& g);

/// True if `value_id` is a graph output.
bool IsGraphOutput(const Graph& g, int value_id);

/// Indices of the non-constant inputs of `n` (positions into n.inputs).
std::vector<int> NonConstantInputs(const Graph& g, const Node& n);

/// Element type a Cast node converts to ("to" is a dtype name in the
/// importer's canonical form, or an ONNX TensorProto code).
enum class CastTarget { kFloat, kInteger, kBool };
CastTarget CastTargetOf(const Node& n);

/// The per-image shape of a value: its shape without the batch dimension.
Shape PerImageShape(const Graph& g, int value_id);

}  // namespace cim::passes
