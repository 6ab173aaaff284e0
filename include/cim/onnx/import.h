#pragma once
// ONNX front end: reads an ONNX model (opsets 9 to 19, plus QONNX
// BipolarQuant) into the graph IR, with every op in ONE canonical form
// whatever opset it came from:
//
// - Parameters some opsets pass as inputs become attributes when constant:
//   Pad {pads, value} (constant mode only), Squeeze/Unsqueeze {axes} (explicit,
//   non-negative, sorted), ReduceMean/ReduceSum/ReduceMax {axes (explicit,
//   sorted), keepdims}, Clip {min, max} (absent = unbounded), Reshape {shape}
//   (0 and -1 resolved: the output shape), Split {axis, split}, Slice {starts,
//   ends, axes, steps}. Their data input is then the only input.
// - Conv, MaxPool, AveragePool: auto_pad resolved into explicit pads; Conv has
//   kernel_shape, pads, strides, dilations, group; pools have kernel_shape,
//   pads, strides, dilations (MaxPool), ceil_mode, count_include_pad
//   (AveragePool). Axis attributes (Softmax, LogSoftmax, Concat, Gather,
//   Flatten, Split) are non-negative; Transpose always has perm.
// - Softmax/LogSoftmax have opset-13 semantics (one axis); an opset < 13
//   Softmax is accepted only where both meanings agree.
// - Gemm becomes MatMul(A', B') [+ Add(C')]: B' is [in,out] and alpha, beta
//   folded into B' and C' when constant (otherwise Transpose/Mul nodes).
// - Cast has attr to = "float" | "int64" | "bool" (the IR's element types).
// - BatchNormalization keeps its 5 inputs and gets an explicit epsilon.
// - BipolarQuant (any QONNX domain) has domain "qonnx.custom_op.general".
// - Identity, Dropout and Constant nodes disappear; every node whose inputs are
//   all constant is evaluated at import (EvaluateNode), so weight quantizers on
//   initializers arrive as constants. Shape is always folded (shapes are static).
// - The one non-constant graph input has a static shape; a symbolic batch
//   dimension becomes 1.

#include <string>
#include <string_view>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// Reads and imports `path`. Errors: NotFound (no such file), IOError, and
/// everything ImportOnnxBytes returns; messages start with `path`.
Result<Graph> ImportOnnxFile(const std::string& path);

/// Imports a serialized ModelProto. Messages start with `name_for_messages`
/// and name the node (name, op type, opset) and what would make it work.
/// Corruption: unparsable or empty bytes. Unsupported: valid ONNX we cannot
/// handle (op, opset, domain, dtype, external data, symbolic non-batch dims,
/// more than one non-constant input). InvalidArgument: an invalid model
/// (cycles, undefined or duplicate names, wrong attribute types, bad shapes).
Result<Graph> ImportOnnxBytes(std::string_view bytes, const std::string& name_for_messages);

/// Default-domain op types the importer accepts, sorted.
std::vector<std::string> SupportedOnnxOps();

}  // namespace cim
