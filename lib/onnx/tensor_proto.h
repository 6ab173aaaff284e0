#pragma once
// Private: ONNX TensorProto / element types -> graph IR tensors.

#include <onnx/onnx_pb.h>

#include <string>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// "FLOAT", "INT64", "STRING", ... for messages.
std::string OnnxTypeName(int32_t elem_type);
/// The IR element type for an ONNX one; Unsupported for strings, complex,
/// float16 and the like ("element type STRING not supported; cimc reads
/// FLOAT, DOUBLE, INT64, INT32, INT8, UINT8 and BOOL").
Result<DType> IrTypeOf(int32_t elem_type);

/// Converts `t` (typed fields or little-endian raw_data). Messages have no
/// location prefix; the caller names the initializer or node. int64 values
/// beyond +-2^62 are clamped (INT64_MAX is ONNX's "to the end" in Slice).
Result<Tensor> TensorFromProto(const onnx::TensorProto& t);

/// Checks dims: none negative, rank <= 8, at most 2^31 elements.
Status CheckDims(const Shape& shape);

}  // namespace cim
