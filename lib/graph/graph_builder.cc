// GraphBuilder: hand-built graphs with inferred shapes (tests, passes).

#include "cim/graph/graph_builder.h"

#include <cstdio>
#include <cstdlib>

#include "cim/graph/shape_inference.h"
#include "cim/support/check.h"

namespace cim {

GraphBuilder::GraphBuilder(std::string source, int64_t opset) {
  graph_.source = std::move(source);
  graph_.opset = opset;
}

int GraphBuilder::AddInput(std::string name, Shape shape, DType dtype) {
  Value v;
  v.name = std::move(name);
  v.shape = std::move(shape);
  v.dtype = dtype;
  int id = graph_.AddValue(std::move(v));
  graph_.inputs.push_back(id);
  return id;
}

int GraphBuilder::AddConst(std::string name, Shape shape, std::vector<double> values, DType dtype) {
  Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.values = std::move(values);
  return AddConst(std::move(name), std::move(t));
}

int GraphBuilder::AddConst(std::string name, Tensor t) {
  CIM_CHECK(static_cast<int64_t>(t.values.size()) == NumElements(t.shape));
  return graph_.AddConstant(std::move(name), std::move(t));
}

Result<std::vector<int>> GraphBuilder::TryAddMultiOp(std::string op, std::vector<int> inputs,
                                                     int num_outputs, AttrMap attrs,
                                                     std::string name) {
  Node n;
  n.name = name.empty() ? op + "_" + std::to_string(graph_.nodes.size()) : std::move(name);
  n.op_type = std::move(op);
  n.inputs = std::move(inputs);
  n.attrs = std::move(attrs);
  for (int i = 0; i < num_outputs; ++i) {
    Value v;
    v.name = num_outputs == 1 ? n.name : n.name + ":" + std::to_string(i);
    n.outputs.push_back(graph_.AddValue(std::move(v)));
  }
  std::vector<int> outputs = n.outputs;
  int index = graph_.AddNode(std::move(n));
  Status s = InferShapes(graph_, index);
  if (!s.ok()) {
    // Leave the graph as it was.
    graph_.nodes.pop_back();
    graph_.values.resize(graph_.values.size() - num_outputs);
    return s;
  }
  return outputs;
}

Result<int> GraphBuilder::TryAddOp(std::string op, std::vector<int> inputs, AttrMap attrs,
                                   std::string name) {
  CIM_ASSIGN_OR_RETURN(std::vector<int> outs,
                       TryAddMultiOp(std::move(op), std::move(inputs), 1, std::move(attrs), std::move(name)));
  return outs[0];
}

int GraphBuilder::AddOp(std::string op, std::vector<int> inputs, AttrMap attrs, std::string name) {
  Result<int> r = TryAddOp(std::move(op), std::move(inputs), std::move(attrs), std::move(name));
  if (!r.ok()) {
    std::fprintf(stderr, "internal error: GraphBuilder::AddOp: %s\n", r.status().ToString().c_str());
    std::abort();
  }
  return *r;
}

void GraphBuilder::MarkOutput(int value_id) {
  CIM_CHECK(value_id >= 0 && value_id < static_cast<int>(graph_.values.size()));
  graph_.outputs.push_back(value_id);
}

Graph GraphBuilder::Finish() && { return std::move(graph_); }

}  // namespace cim
