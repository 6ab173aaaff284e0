// ImportContext: messages, constant-parameter access and Emit (add node,
// infer shapes, fold constants) for the importer's per-op normalisers.

#include "import_context.h"

#include <cmath>

#include "cim/graph/constant_eval.h"
#include "cim/graph/shape_inference.h"

namespace cim {

std::string ImportContext::Where() const {
  std::string s = file + ": node \"" + node_name + "\" (" + op_type;
  s += domain.empty() ? ", opset " + std::to_string(opset) : ", domain " + domain;
  return s + ")";
}

Status ImportContext::Error(StatusCode code, const std::string& message) const {
  return Status(code, Where() + ": " + message);
}

Result<const Tensor*> ImportContext::ConstInput(const Node& n, int i, const std::string& what) const {
  if (i >= static_cast<int>(n.inputs.size()) || n.inputs[i] < 0) return static_cast<const Tensor*>(nullptr);
  if (!g.IsConstant(n.inputs[i]))
    return Error(StatusCode::kUnsupported, "input " + std::to_string(i) + " (" + what + ") \"" +
                                               g.values[n.inputs[i]].name +
                                               "\" is computed at run time; cimc needs it to be a constant");
  return &g.ConstantOf(n.inputs[i]);
}

Result<std::vector<int64_t>> ImportContext::ConstInts(const Node& n, int i, const std::string& what) const {
  CIM_ASSIGN_OR_RETURN(const Tensor* t, ConstInput(n, i, what));
  std::vector<int64_t> out;
  if (t == nullptr) return out;
  if (t->dtype != DType::kInt64)
    return Error(StatusCode::kInvalidArgument, "input " + std::to_string(i) + " (" + what + ") is " +
                                                   DTypeName(t->dtype) + ", expected int64");
  if (t->shape.size() > 1)
    return Error(StatusCode::kInvalidArgument, "input " + std::to_string(i) + " (" + what + ") has shape " +
                                                   ShapeToString(t->shape) + ", expected a 1-D tensor");
  for (double v : t->values) out.push_back(static_cast<int64_t>(v));
  return out;
}

Result<double> ImportContext::ConstScalar(const Node& n, int i, const std::string& what) const {
  CIM_ASSIGN_OR_RETURN(const Tensor* t, ConstInput(n, i, what));
  if (t == nullptr || t->values.size() != 1)
    return Error(StatusCode::kInvalidArgument, "input " + std::to_string(i) + " (" + what +
                                                   ") must hold exactly one value");
  return t->values[0];
}

Result<std::vector<int>> ImportContext::Emit(Node n, const std::vector<std::string>& output_names,
                                             bool internal) {
  for (const std::string& name : output_names) {
    Value v;
    v.name = name;
    n.outputs.push_back(g.AddValue(std::move(v)));
  }
  std::vector<int> ids = n.outputs;
  const int index = g.AddNode(std::move(n));
  CIM_RETURN_IF_ERROR(InferShapes(g, index));
  if (IsFoldable(g, index)) {
    CIM_ASSIGN_OR_RETURN(std::vector<Tensor> folded, EvaluateNode(g, index));
    for (size_t k = 0; k < ids.size(); ++k) {
      g.values[ids[k]].constant = std::move(folded[k]);
      g.values[ids[k]].producer = -1;
    }
    g.nodes.pop_back();
  }
  if (!internal)
    for (size_t k = 0; k < ids.size(); ++k)
      if (!output_names[k].empty()) value_of[output_names[k]] = ids[k];
  return ids;
}

}  // namespace cim
