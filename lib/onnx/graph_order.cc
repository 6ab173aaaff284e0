// Topological ordering of ONNX nodes (Kahn's algorithm, smallest file index
// first so an ordered file keeps its order) and the checks it needs.

#include "graph_order.h"

#include <map>
#include <queue>

namespace cim {
namespace {

std::string NodeWhere(const onnx::NodeProto& n, const std::string& name, const std::string& file, int64_t opset) {
  std::string s = file + ": node \"" + name + "\" (" + n.op_type();
  s += n.domain().empty() || n.domain() == "ai.onnx" ? ", opset " + std::to_string(opset) : ", domain " + n.domain();
  return s + ")";
}

}  // namespace

std::vector<std::string> NodeNames(const onnx::GraphProto& gp) {
  std::vector<std::string> names;
  for (int i = 0; i < gp.node_size(); ++i)
    names.push_back(gp.node(i).name().empty() ? gp.node(i).op_type() + "_" + std::to_string(i) : gp.node(i).name());
  return names;
}

Result<std::vector<int>> TopologicalOrder(const onnx::GraphProto& gp, const std::vector<std::string>& names,
                                          const std::set<std::string>& defined, const std::string& file,
                                          int64_t opset) {
  const int count = gp.node_size();
  std::map<std::string, int> producer;
  for (int i = 0; i < count; ++i)
    for (const std::string& out : gp.node(i).output()) {
      if (out.empty()) continue;
      if (defined.count(out))
        return InvalidArgument(NodeWhere(gp.node(i), names[i], file, opset) + ": output \"" + out +
                               "\" is also an initializer or graph input");
      auto [it, fresh] = producer.emplace(out, i);
      if (!fresh)
        return InvalidArgument(NodeWhere(gp.node(i), names[i], file, opset) + ": output \"" + out +
                               "\" is already produced by node \"" + names[it->second] + "\"");
    }
  std::vector<std::vector<int>> users(count);
  std::vector<int> waiting(count, 0);  // inputs produced by nodes not yet placed
  for (int i = 0; i < count; ++i)
    for (const std::string& in : gp.node(i).input()) {
      if (in.empty() || defined.count(in)) continue;
      auto it = producer.find(in);
      if (it == producer.end())
        return InvalidArgument(NodeWhere(gp.node(i), names[i], file, opset) + ": input \"" + in +
                               "\" is not produced by any node, initializer or graph input");
      users[it->second].push_back(i);
      ++waiting[i];
    }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < count; ++i)
    if (waiting[i] == 0) ready.push(i);
  std::vector<int> order;
  while (!ready.empty()) {
    int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int u : users[i])
      if (--waiting[u] == 0) ready.push(u);
  }
  if (static_cast<int>(order.size()) == count) return order;
  // Walk back along unplaced producers; after `count` steps we are on a cycle.
  int at = 0;
  while (waiting[at] == 0) ++at;
  for (int step = 0; step < count; ++step)
    for (const std::string& in : gp.node(at).input()) {
      auto it = producer.find(in);
      if (it != producer.end() && waiting[it->second] > 0) {
        at = it->second;
        break;
      }
    }
  return InvalidArgument(NodeWhere(gp.node(at), names[at], file, opset) +
                         ": the graph has a cycle through this node");
}

}  // namespace cim
