// Graph::Verify: the structural invariants every pass must keep. A failure
// means a pass (or the importer) has a bug, so the code is Internal.

#include <algorithm>
#include <string>
#include <vector>

#include "cim/graph/graph.h"

namespace cim {
namespace {

std::string Id(int v) { return "%" + std::to_string(v); }

Status CheckValue(const Graph& g, int id) {
  const Value& v = g.values[id];
  for (int64_t d : v.shape)
    if (d < 0)
      return Internal(g.source + ": value " + Id(id) + " \"" + v.name + "\" has unknown shape " +
                      ShapeToString(v.shape));
  if (v.constant) {
    const Tensor& t = *v.constant;
    if (t.shape != v.shape || t.dtype != v.dtype)
      return Internal(g.source + ": value " + Id(id) + " \"" + v.name + "\": constant is " +
                      DTypeName(t.dtype) + ShapeToString(t.shape) + " but the value says " +
                      DTypeName(v.dtype) + ShapeToString(v.shape));
    if (static_cast<int64_t>(t.values.size()) != NumElements(t.shape))
      return Internal(g.source + ": value " + Id(id) + " \"" + v.name + "\": constant has " +
                      std::to_string(t.values.size()) + " values, shape " +
                      ShapeToString(t.shape) + " needs " + std::to_string(NumElements(t.shape)));
    if (v.producer != -1)
      return Internal(g.source + ": value " + Id(id) + " \"" + v.name +
                      "\" is a constant but has producer node " + std::to_string(v.producer));
  }
  return Status::Ok();
}

Status CheckNode(const Graph& g, int k, std::vector<int>& produced_by) {
  const Node& n = g.nodes[k];
  const int num_values = static_cast<int>(g.values.size());
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    int in = n.inputs[i];
    if (in == -1) continue;
    if (in < 0 || in >= num_values)
      return Internal(g.Where(k) + ": input " + std::to_string(i) + " is " + Id(in) +
                      ", out of range [0, " + std::to_string(num_values) + ")");
    const Value& v = g.values[in];
    if (v.constant) continue;
    if (v.producer >= k)
      return Internal(g.Where(k) + ": input " + std::to_string(i) + " " + Id(in) +
                      " is produced by node " + std::to_string(v.producer) +
                      ", not before it (topological order broken)");
    if (v.producer < 0 && std::find(g.inputs.begin(), g.inputs.end(), in) == g.inputs.end())
      return Internal(g.Where(k) + ": input " + std::to_string(i) + " " + Id(in) + " \"" +
                      v.name + "\" has no producer and is neither a constant nor a graph input");
  }
  if (n.outputs.empty()) return Internal(g.Where(k) + ": node has no outputs");
  for (int out : n.outputs) {
    if (out < 0 || out >= num_values)
      return Internal(g.Where(k) + ": output " + Id(out) + " out of range [0, " +
                      std::to_string(num_values) + ")");
    if (produced_by[out] != -1)
      return Internal(g.Where(k) + ": output " + Id(out) + " is also produced by node " +
                      std::to_string(produced_by[out]));
    produced_by[out] = k;
    if (g.values[out].producer != k)
      return Internal(g.Where(k) + ": output " + Id(out) + " records producer " +
                      std::to_string(g.values[out].producer));
    if (g.values[out].constant)
      return Internal(g.Where(k) + ": output " + Id(out) + " is a constant");
  }
  return Status::Ok();
}

}  // namespace

Status Graph::Verify() const {
  const int num_values = static_cast<int>(values.size());
  if (outputs.empty()) return Internal(source + ": graph has no outputs");
  for (int id : inputs) {
    if (id < 0 || id >= num_values)
      return Internal(source + ": graph input " + Id(id) + " out of range");
    if (values[id].producer != -1 || values[id].constant)
      return Internal(source + ": graph input " + Id(id) + " \"" + values[id].name +
                      "\" is produced by a node or constant");
  }
  for (int id : outputs)
    if (id < 0 || id >= num_values)
      return Internal(source + ": graph output " + Id(id) + " out of range");
  for (int id = 0; id < num_values; ++id) CIM_RETURN_IF_ERROR(CheckValue(*this, id));
  std::vector<int> produced_by(values.size(), -1);
  for (int k = 0; k < static_cast<int>(nodes.size()); ++k)
    CIM_RETURN_IF_ERROR(CheckNode(*this, k, produced_by));
  for (int id = 0; id < num_values; ++id)
    if (values[id].producer >= 0 && produced_by[id] != values[id].producer)
      return Internal(source + ": value " + Id(id) + " records producer " +
                      std::to_string(values[id].producer) + " which does not output it");
  return Status::Ok();
}

}  // namespace cim
