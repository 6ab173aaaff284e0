#include "lib/passes/graph_edit.h"

#include <algorithm>
#include <queue>

namespace cim::passes {

int AddTensorValue(Graph& g, std::string name, Shape shape) {
  Value v;
  v.name = std::move(name);
  v.dtype = DType::kFloat;
  v.shape = std::move(shape);
  return g.AddValue(std::move(v));
}

Status RestoreTopologicalOrder(Graph& g) {
  const int n = static_cast<int>(g.nodes.size());
  std::vector<int> producer(g.values.size(), -1);
  for (int i = 0; i < n; ++i)
    for (int out : g.nodes[i].outputs) producer[out] = i;
  // Kahn's algorithm; the min-heap on the old index keeps the order stable.
  std::vector<int> pending(n, 0);
  std::vector<std::vector<int>> users(n);
  for (int i = 0; i < n; ++i) {
    for (int in : g.nodes[i].inputs) {
      if (in < 0 || producer[in] < 0) continue;
      ++pending[i];
      users[producer[in]].push_back(i);
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<int> order;
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int u : users[i])
      if (--pending[u] == 0) ready.push(u);
  }
  if (static_cast<int>(order.size()) != n) return Internal("graph has a cycle after a rewrite");
  std::vector<Node> sorted;
  sorted.reserve(n);
  for (int i : order) sorted.push_back(std::move(g.nodes[i]));
  g.nodes = std::move(sorted);
  for (Value& v : g.values) v.producer = -1;
  for (int i = 0; i < n; ++i)
    for (int out : g.nodes[i].outputs) g.values[out].producer = i;
  return Status::Ok();
}

bool IsGraphOutput(const Graph& g, int value_id) {
  return std::find(g.outputs.begin(), g.outputs.end(), value_id) != g.outputs.end();
}

std::vector<int> NonConstantInputs(const Graph& g, const Node& n) {
  std::vector<int> positions;
  for (size_t i = 0; i < n.inputs.size(); ++i)
    if (n.inputs[i] >= 0 && !g.IsConstant(n.inputs[i])) positions.push_back(static_cast<int>(i));
  return positions;
}

CastTarget CastTargetOf(const Node& n) {
  const std::string name = n.GetString("to", "");
  if (!name.empty()) {
    if (name == "bool") return CastTarget::kBool;
    return name == "float" || name == "double" ? CastTarget::kFloat : CastTarget::kInteger;
  }
  const int64_t code = n.GetInt("to", 1);  // TensorProto: 1 FLOAT, 9 BOOL, 10 FLOAT16, 11 DOUBLE
  if (code == 9) return CastTarget::kBool;
  return code == 1 || code == 10 || code == 11 ? CastTarget::kFloat : CastTarget::kInteger;
}

Shape PerImageShape(const Graph& g, int value_id) {
  const Shape& s = g.values[value_id].shape;
  if (s.empty()) return {};
  return Shape(s.begin() + 1, s.end());
}

}  // namespace cim::passes
