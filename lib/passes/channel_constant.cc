#include "lib/passes/channel_constant.h"

#include <string>

namespace cim::passes {

Result<ChannelConstant> AsChannelConstant(const Tensor& c, const Shape& data_shape) {
  const size_t rank = data_shape.size();
  if (c.shape.size() > rank) {
    return Unsupported("constant " + ShapeToString(c.shape) + " has a higher rank than the data " +
                       ShapeToString(data_shape));
  }
  ChannelConstant out;
  const size_t offset = rank - c.shape.size();
  int full_axis = -1;
  for (size_t i = 0; i < c.shape.size(); ++i) {
    const int64_t d = c.shape[i];
    const size_t a = offset + i;
    if (d == 1) continue;
    if (d != data_shape[a]) {
      return Unsupported("constant " + ShapeToString(c.shape) + " does not broadcast to the data " +
                         ShapeToString(data_shape));
    }
    if (a == 0) {
      return Unsupported("constant " + ShapeToString(c.shape) + " varies along the batch axis");
    }
    if (full_axis >= 0) {
      return Unsupported("constant " + ShapeToString(c.shape) +
                         " varies along more than one axis of the data " +
                         ShapeToString(data_shape) + "; only scalar or per-channel constants are supported");
    }
    full_axis = static_cast<int>(a);
  }
  if (full_axis < 0) {
    if (c.values.empty()) return Unsupported("constant is empty");
    out.values = {c.values[0]};
    return out;
  }
  out.axis = full_axis - 1;
  out.values = c.values;  // exactly one axis has size > 1, so the order is that axis
  return out;
}

bool MergeChannelAxis(int& axis, int other) {
  if (other < 0) return true;
  if (axis < 0) {
    axis = other;
    return true;
  }
  return axis == other;
}

}  // namespace cim::passes
