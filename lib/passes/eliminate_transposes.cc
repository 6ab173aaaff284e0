// Pass eliminate_transposes (see include/cim/passes/eliminate_transposes.h).

#include "cim/passes/eliminate_transposes.h"

#include <algorithm>
#include <set>
#include <string>

#include "lib/passes/graph_edit.h"

namespace cim {
namespace {

using Perm = std::vector<int64_t>;
using passes::IsGraphOutput;

Perm PermOf(const Graph& g, const Node& n) {
  Perm perm = n.GetInts("perm");
  if (perm.empty()) {
    const size_t rank = g.values[n.inputs[0]].shape.size();
    for (size_t i = rank; i-- > 0;) perm.push_back(static_cast<int64_t>(i));
  }
  return perm;
}

Perm Inverse(const Perm& p) {
  Perm q(p.size());
  for (size_t i = 0; i < p.size(); ++i) q[static_cast<size_t>(p[i])] = static_cast<int64_t>(i);
  return q;
}

// out[j] = in[q[j]]: the shape (or per-axis list) seen in the outer layout.
template <typename T>
std::vector<T> Permuted(const std::vector<T>& in, const Perm& q) {
  std::vector<T> out(q.size());
  for (size_t j = 0; j < q.size(); ++j) out[j] = in[static_cast<size_t>(q[j])];
  return out;
}

bool IsTranspose(const Node& n) { return n.domain.empty() && n.op_type == "Transpose"; }

// Ops that act on each element independently, so the layout does not matter
// as long as per-axis constants follow it.
bool IsLayoutFree(const Node& n) {
  static const std::set<std::string> kOps = {
      "Sign", "Relu", "Neg", "Abs", "Identity", "Cast", "Clip", "Add", "Sub", "Mul", "Div", "Max", "Min",
      "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "Equal", "And", "Or", "Not", "Where",
      "BipolarQuant", "Pad"};
  if (n.op_type == "Pad" && n.GetString("mode", "constant") != "constant") return false;
  return (n.domain.empty() || n.op_type == "BipolarQuant") && kOps.count(n.op_type) && n.outputs.size() == 1;
}

// A constant operand of an island op, moved to the outer layout. Scalars and
// one-element tensors are unchanged.
int PermuteConstant(Graph& g, int value, const Perm& q) {
  const Tensor& t = g.ConstantOf(value);
  if (t.values.size() <= 1 || t.shape.size() > q.size()) return value;
  Shape full(q.size() - t.shape.size(), 1);
  full.insert(full.end(), t.shape.begin(), t.shape.end());
  Tensor out;
  out.dtype = t.dtype;
  out.shape = Permuted(full, q);
  out.values.resize(t.values.size());
  // Strides of the source (island layout) tensor.
  std::vector<int64_t> st(full.size(), 1);
  for (size_t i = full.size(); i-- > 1;) st[i - 1] = st[i] * full[i];
  std::vector<int64_t> idx(out.shape.size(), 0);
  for (size_t e = 0; e < out.values.size(); ++e) {
    int64_t src = 0;
    for (size_t j = 0; j < idx.size(); ++j) src += idx[j] * st[static_cast<size_t>(q[j])];
    out.values[e] = t.values[static_cast<size_t>(src)];
    for (size_t d = idx.size(); d-- > 0;) {
      if (++idx[d] < out.shape[d]) break;
      idx[d] = 0;
    }
  }
  return g.AddConstant(g.values[value].name + "/outer_layout", std::move(out));
}

std::vector<int64_t> PermutePads(const std::vector<int64_t>& pads, const Perm& q) {
  const size_t r = q.size();
  std::vector<int64_t> begin(pads.begin(), pads.begin() + r), end(pads.begin() + r, pads.end());
  std::vector<int64_t> out = Permuted(begin, q);
  const std::vector<int64_t> e = Permuted(end, q);
  out.insert(out.end(), e.begin(), e.end());
  return out;
}

struct Island {
  std::vector<int> nodes;  // island ops, in graph order
  std::vector<int> exits;  // Transpose(p⁻¹) nodes
  std::vector<std::pair<int, size_t>> outside;  // (node, input position) reading an island value
  std::vector<size_t> outputs;                  // positions in g.outputs holding an island value
};

// Collects the island that starts at Transpose node `t`. Worth rewriting
// when it has ops to move the transpose past, or exits to cancel.
bool FindIsland(const Graph& g, int t, Island& island) {
  const Perm q = Inverse(PermOf(g, g.nodes[t]));
  std::set<int> values = {g.nodes[t].outputs[0]};
  for (int i = t + 1; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    const bool reads_island = std::any_of(n.inputs.begin(), n.inputs.end(), [&](int v) { return values.count(v); });
    if (!reads_island) continue;
    if (IsTranspose(n) && PermOf(g, n) == q) {
      island.exits.push_back(i);
      continue;
    }
    bool inside = IsLayoutFree(n);
    for (int v : n.inputs)
      if (v >= 0 && !g.IsConstant(v) && !values.count(v)) inside = false;  // mixes in an outside tensor
    if (n.op_type == "Pad" && n.inputs.size() > 1 && n.inputs[1] >= 0 && !g.IsConstant(n.inputs[1])) inside = false;
    if (inside) {
      island.nodes.push_back(i);
      values.insert(n.outputs[0]);
      continue;
    }
    for (size_t k = 0; k < n.inputs.size(); ++k)
      if (values.count(n.inputs[k])) island.outside.push_back({i, k});
  }
  for (size_t k = 0; k < g.outputs.size(); ++k)
    if (values.count(g.outputs[k])) island.outputs.push_back(k);
  return !island.nodes.empty() || !island.exits.empty();
}

void MoveToOuterLayout(Graph& g, Node& n, const Perm& q, int island_in, int outer_in) {
  const bool is_pad = n.op_type == "Pad";
  for (size_t k = 0; k < n.inputs.size(); ++k) {
    int& v = n.inputs[k];
    if (v == island_in) {
      v = outer_in;
    } else if (v >= 0 && g.IsConstant(v) && !is_pad) {  // Pad's pads are handled below
      v = PermuteConstant(g, v, q);
    }
  }
  if (is_pad) {
    if (n.HasAttr("pads")) n.attrs["pads"] = PermutePads(n.GetInts("pads"), q);
    if (n.inputs.size() > 1 && n.inputs[1] >= 0) {
      Tensor pads = g.ConstantOf(n.inputs[1]);
      std::vector<int64_t> ints(pads.values.begin(), pads.values.end());
      ints = PermutePads(ints, q);
      pads.values.assign(ints.begin(), ints.end());
      n.inputs[1] = g.AddConstant(g.values[n.inputs[1]].name + "/outer_layout", std::move(pads));
    }
  }
  Value& out = g.values[n.outputs[0]];
  out.shape = Permuted(out.shape, q);
}

// A Transpose(perm) of `v` (already in the outer layout) whose output has the
// island-layout shape `shape`.
int AddTranspose(Graph& g, int v, const Perm& perm, const Shape& shape, const std::string& name) {
  const int out = passes::AddTensorValue(g, name, shape);
  Node n;
  n.name = name;
  n.op_type = "Transpose";
  n.inputs = {v};
  n.outputs = {out};
  n.attrs["perm"] = perm;
  g.AddNode(std::move(n));
  return out;
}

// Runs the island in the outer layout: inverse transposes cancel, consumers
// outside the island get the transpose moved down to them.
Status RewriteIsland(Graph& g, int t, const Island& island) {
  const Perm p = PermOf(g, g.nodes[t]);
  const Perm q = Inverse(p);
  const std::string t_name = g.nodes[t].name;
  const int island_in = g.nodes[t].outputs[0], outer_in = g.nodes[t].inputs[0];
  auto outer = [&](int v) { return v == island_in ? outer_in : v; };
  // Island-layout shapes of the values read from outside, before they change.
  std::vector<Shape> outside_shapes, output_shapes;
  for (const auto& [node, k] : island.outside) outside_shapes.push_back(g.values[g.nodes[node].inputs[k]].shape);
  for (size_t k : island.outputs) output_shapes.push_back(g.values[g.outputs[k]].shape);
  for (int i : island.nodes) MoveToOuterLayout(g, g.nodes[i], q, island_in, outer_in);
  for (int e : island.exits) g.ReplaceAllUses(g.nodes[e].outputs[0], outer(g.nodes[e].inputs[0]));
  for (size_t j = 0; j < island.outside.size(); ++j) {
    const auto [node, k] = island.outside[j];
    const int v = g.nodes[node].inputs[k];
    const int moved = AddTranspose(g, outer(v), p, outside_shapes[j], t_name + "/moved_" + std::to_string(j));
    g.nodes[node].inputs[k] = moved;
  }
  for (size_t j = 0; j < island.outputs.size(); ++j) {
    const int v = g.outputs[island.outputs[j]];
    g.outputs[island.outputs[j]] = AddTranspose(g, outer(v), p, output_shapes[j], t_name + "/moved_out_" + std::to_string(j));
  }
  return passes::RestoreTopologicalOrder(g);
}

// Makes an NHWC graph input that only feeds Transpose(0,3,1,2) an NCHW input.
void AdoptNchwInput(Graph& g, Layout& input_layout) {
  if (g.inputs.size() != 1) return;
  const int x = g.inputs[0];
  const std::vector<int> users = g.Consumers(x);
  if (users.empty() || g.values[x].shape.size() != 4 || IsGraphOutput(g, x)) return;
  const Perm nchw = {0, 3, 1, 2};
  for (int u : users)
    if (!IsTranspose(g.nodes[u]) || PermOf(g, g.nodes[u]) != nchw) return;
  g.values[x].shape = Permuted(g.values[x].shape, nchw);
  for (int u : users) g.ReplaceAllUses(g.nodes[u].outputs[0], x);
  input_layout = Layout::kNCHW;
}

}  // namespace

Status EliminateTransposes(Graph& g, Layout& input_layout) {
  AdoptNchwInput(g, input_layout);
  g.RemoveDeadNodes();
  for (bool changed = true; changed;) {
    changed = false;
    for (int t = 0; t < static_cast<int>(g.nodes.size()) && !changed; ++t) {
      if (!IsTranspose(g.nodes[t]) || g.IsConstant(g.nodes[t].inputs[0])) continue;
      Island island;
      if (!FindIsland(g, t, island)) continue;
      CIM_RETURN_IF_ERROR(RewriteIsland(g, t, island));
      g.RemoveDeadNodes();
      changed = true;
    }
  }
  return Status::Ok();
}

}  // namespace cim
