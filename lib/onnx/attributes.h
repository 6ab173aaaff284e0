#pragma once
// Private: ONNX AttributeProto -> graph IR attributes, checked against the
// types an op table row declares ("strides:ints group:int auto_pad:string").

#include <onnx/onnx_pb.h>

#include <string>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

/// Converts the attributes of `proto` into `attrs`. Attributes named in
/// `spec` must have the declared type (InvalidArgument "attribute "strides" is
/// FLOAT, expected INTS"); others of a convertible type are kept as they are
/// and the rest (graphs, strings lists) dropped. Messages have no prefix.
Status ConvertAttributes(const onnx::NodeProto& proto, const std::string& spec,
                         std::map<std::string, AttrValue>& attrs);

}  // namespace cim
