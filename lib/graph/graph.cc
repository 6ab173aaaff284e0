// Graph IR container methods: adding values and nodes, use lists, rewiring and
// dead-code removal. Printing and verification live in their own files.

#include "cim/graph/graph.h"

#include <algorithm>

#include "cim/support/check.h"

namespace cim {

const char* DTypeName(DType t) {
  switch (t) {
    case DType::kFloat: return "float";
    case DType::kInt64: return "int64";
    case DType::kBool: return "bool";
  }
  return "?";
}

int64_t NumElements(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string ShapeToString(const Shape& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ",";
    s += shape[i] == kUnknownDim ? std::string("?") : std::to_string(shape[i]);
  }
  return s + "]";
}

int64_t Node::GetInt(const std::string& key, int64_t dflt) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return dflt;
  if (const auto* i = std::get_if<int64_t>(&it->second)) return *i;
  if (const auto* d = std::get_if<double>(&it->second)) return static_cast<int64_t>(*d);
  return dflt;
}

double Node::GetFloat(const std::string& key, double dflt) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return dflt;
  if (const auto* d = std::get_if<double>(&it->second)) return *d;
  if (const auto* i = std::get_if<int64_t>(&it->second)) return static_cast<double>(*i);
  return dflt;
}

std::string Node::GetString(const std::string& key, const std::string& dflt) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return dflt;
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  return dflt;
}

std::vector<int64_t> Node::GetInts(const std::string& key, std::vector<int64_t> dflt) const {
  auto it = attrs.find(key);
  if (it == attrs.end()) return dflt;
  if (const auto* v = std::get_if<std::vector<int64_t>>(&it->second)) return *v;
  if (const auto* i = std::get_if<int64_t>(&it->second)) return {*i};
  return dflt;
}

int Graph::AddValue(Value v) {
  values.push_back(std::move(v));
  return static_cast<int>(values.size()) - 1;
}

int Graph::AddConstant(std::string name, Tensor t) {
  Value v;
  v.name = std::move(name);
  v.dtype = t.dtype;
  v.shape = t.shape;
  v.constant = std::move(t);
  return AddValue(std::move(v));
}

int Graph::AddNode(Node n) {
  int index = static_cast<int>(nodes.size());
  for (int out : n.outputs) {
    CIM_CHECK(out >= 0 && out < static_cast<int>(values.size()));
    values[out].producer = index;
  }
  nodes.push_back(std::move(n));
  return index;
}

bool Graph::IsConstant(int value_id) const {
  return value_id >= 0 && value_id < static_cast<int>(values.size()) &&
         values[value_id].constant.has_value();
}

const Tensor& Graph::ConstantOf(int value_id) const {
  CIM_CHECK(IsConstant(value_id));
  return *values[value_id].constant;
}

std::vector<int> Graph::Consumers(int value_id) const {
  std::vector<int> users;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const auto& in = nodes[i].inputs;
    if (std::find(in.begin(), in.end(), value_id) != in.end()) users.push_back(static_cast<int>(i));
  }
  return users;
}

void Graph::ReplaceAllUses(int from, int to) {
  for (auto& n : nodes) std::replace(n.inputs.begin(), n.inputs.end(), from, to);
  std::replace(outputs.begin(), outputs.end(), from, to);
}

void Graph::RemoveDeadNodes() {
  // Mark live values backwards from the graph outputs; nodes are in
  // topological order, so one reverse sweep suffices.
  std::vector<bool> live_value(values.size(), false);
  for (int o : outputs) live_value[o] = true;
  for (int i : inputs) live_value[i] = true;
  std::vector<bool> live_node(nodes.size(), false);
  for (size_t k = nodes.size(); k-- > 0;) {
    const Node& n = nodes[k];
    bool needed = std::any_of(n.outputs.begin(), n.outputs.end(),
                              [&](int v) { return live_value[v]; });
    if (!needed) continue;
    live_node[k] = true;
    for (int v : n.inputs)
      if (v >= 0) live_value[v] = true;
    for (int v : n.outputs) live_value[v] = true;  // keep all outputs of a live node
  }
  std::vector<int> new_value_id(values.size(), -1);
  std::vector<Value> kept_values;
  for (size_t v = 0; v < values.size(); ++v) {
    if (!live_value[v]) continue;
    new_value_id[v] = static_cast<int>(kept_values.size());
    kept_values.push_back(std::move(values[v]));
    kept_values.back().producer = -1;
  }
  std::vector<Node> kept_nodes;
  for (size_t k = 0; k < nodes.size(); ++k) {
    if (!live_node[k]) continue;
    Node n = std::move(nodes[k]);
    for (int& v : n.inputs)
      if (v >= 0) v = new_value_id[v];
    for (int& v : n.outputs) {
      v = new_value_id[v];
      kept_values[v].producer = static_cast<int>(kept_nodes.size());
    }
    kept_nodes.push_back(std::move(n));
  }
  for (int& v : inputs) v = new_value_id[v];
  for (int& v : outputs) v = new_value_id[v];
  values = std::move(kept_values);
  nodes = std::move(kept_nodes);
}

std::string Graph::Where(int node_index) const {
  CIM_CHECK(node_index >= 0 && node_index < static_cast<int>(nodes.size()));
  const Node& n = nodes[node_index];
  std::string s = source + ": node \"" + n.name + "\" (" + n.op_type;
  // The opset only means something for default-domain ONNX ops.
  if (n.domain.empty() && opset > 0 && n.op_type.rfind("cim.", 0) != 0)
    s += ", opset " + std::to_string(opset);
  return s + ")";
}

}  // namespace cim
