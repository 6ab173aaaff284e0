#pragma once
// A constant operand of an elementwise op, reduced to what the tile IR can
// express: one scalar, or one value per channel along a single per-image axis.

#include <vector>

#include "cim/graph/graph.h"

namespace cim::passes {

struct ChannelConstant {
  int axis = -1;               // per-image axis (batch excluded); -1 for a scalar
  std::vector<double> values;  // 1 entry (scalar) or one per channel along `axis`
};

/// Interprets `c` broadcast (ONNX/numpy rules, right-aligned) against a data
/// tensor of full shape `data_shape` (batch first). Unsupported when the
/// constant would enlarge the result, varies along the batch axis or along
/// more than one axis; the message says which (the caller adds the node).
Result<ChannelConstant> AsChannelConstant(const Tensor& c, const Shape& data_shape);

/// Merges the channel axes of two operands: -1 (scalar) fits anything.
/// Returns false when both are per-channel along different axes.
bool MergeChannelAxis(int& axis, int other);

}  // namespace cim::passes
