// Shape rules for elementwise ops: numpy broadcasting, comparisons (bool
// results), Where, Cast and Dropout.

#include "shape_rules.h"

namespace cim {
namespace {

Result<Shape> BroadcastAll(const Graph& g, const Node& n, int first) {
  Shape s = In(g, n, first).shape;
  for (size_t i = first + 1; i < n.inputs.size(); ++i) {
    if (n.inputs[i] < 0) continue;
    CIM_ASSIGN_OR_RETURN(s, BroadcastShapes(s, In(g, n, static_cast<int>(i)).shape));
  }
  return s;
}

Status CheckSameDType(const Graph& g, const Node& n, int first) {
  DType t = In(g, n, first).dtype;
  for (size_t i = first + 1; i < n.inputs.size(); ++i) {
    if (n.inputs[i] < 0) continue;
    DType u = In(g, n, static_cast<int>(i)).dtype;
    if (u != t)
      return InvalidArgument("input " + std::to_string(i) + " is " + DTypeName(u) + ", input " +
                             std::to_string(first) + " is " + DTypeName(t) +
                             ": element types must match");
  }
  return Status::Ok();
}

}  // namespace

Result<OutTypes> SameAsInputRule(const Graph& g, const Node& n) {
  return OutTypes{{In(g, n, 0).dtype, In(g, n, 0).shape}};
}

Result<OutTypes> BroadcastRule(const Graph& g, const Node& n) {
  // BipolarQuant's scale is always float; other ops need matching types.
  if (n.op_type != "BipolarQuant") CIM_RETURN_IF_ERROR(CheckSameDType(g, n, 0));
  CIM_ASSIGN_OR_RETURN(Shape s, BroadcastAll(g, n, 0));
  return OutTypes{{In(g, n, 0).dtype, s}};
}

Result<OutTypes> CompareRule(const Graph& g, const Node& n) {
  CIM_RETURN_IF_ERROR(CheckSameDType(g, n, 0));
  CIM_ASSIGN_OR_RETURN(Shape s, BroadcastAll(g, n, 0));
  return OutTypes{{DType::kBool, s}};
}

Result<OutTypes> LogicalRule(const Graph& g, const Node& n) {
  for (int i = 0; i < 2; ++i)
    if (In(g, n, i).dtype != DType::kBool)
      return InvalidArgument("input " + std::to_string(i) + " is " + DTypeName(In(g, n, i).dtype) +
                             ", expected bool");
  CIM_ASSIGN_OR_RETURN(Shape s, BroadcastAll(g, n, 0));
  return OutTypes{{DType::kBool, s}};
}

Result<OutTypes> NotRule(const Graph& g, const Node& n) {
  if (In(g, n, 0).dtype != DType::kBool)
    return InvalidArgument(std::string("input 0 is ") + DTypeName(In(g, n, 0).dtype) + ", expected bool");
  return OutTypes{{DType::kBool, In(g, n, 0).shape}};
}

Result<OutTypes> WhereRule(const Graph& g, const Node& n) {
  if (In(g, n, 0).dtype != DType::kBool)
    return InvalidArgument(std::string("condition (input 0) is ") + DTypeName(In(g, n, 0).dtype) +
                           ", expected bool");
  CIM_RETURN_IF_ERROR(CheckSameDType(g, n, 1));
  CIM_ASSIGN_OR_RETURN(Shape s, BroadcastAll(g, n, 0));
  return OutTypes{{In(g, n, 1).dtype, s}};
}

Result<OutTypes> CastRule(const Graph& g, const Node& n) {
  std::string to = n.GetString("to", "");
  DType t;
  if (to == "float") t = DType::kFloat;
  else if (to == "int64") t = DType::kInt64;
  else if (to == "bool") t = DType::kBool;
  else return InvalidArgument("to = \"" + to + "\": expected \"float\", \"int64\" or \"bool\"");
  return OutTypes{{t, In(g, n, 0).shape}};
}

Result<OutTypes> DropoutRule(const Graph& g, const Node& n) {
  return OutTypes{{In(g, n, 0).dtype, In(g, n, 0).shape}, {DType::kBool, In(g, n, 0).shape}};
}

}  // namespace cim
