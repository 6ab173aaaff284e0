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
};

// Collects the island that starts at Transpose node `t`, or returns false.
bool FindIsland(const Graph& g, int t, Island& island) {
  const Perm p = PermOf(g, g.nodes[t]);
  const Perm q = Inverse(p);
  std::set<int> values = {g.nodes[t].outputs[0]};
  for (int i = t + 1; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    const bool reads_island = std::any_of(n.inputs.begin(), n.inputs.end(), [&](int v) { return values.count(v); });
    if (!reads_island) continue;
    if (IsTranspose(n) && PermOf(g, n) == q) {
      island.exits.push_back(i);
      continue;
    }
    if (!IsLayoutFree(n)) return false;
    for (int v : n.inputs)
      if (v >= 0 && !g.IsConstant(v) && !values.count(v)) return false;  // mixes in an outside tensor
    if (n.op_type == "Pad" && (n.inputs.size() > 1 && n.inputs[1] >= 0 && !g.IsConstant(n.inputs[1]))) return false;
    island.nodes.push_back(i);
    values.insert(n.outputs[0]);
  }
  for (int v : values)
    if (IsGraphOutput(g, v)) return false;
  return !island.exits.empty();
}

void RewriteIsland(Graph& g, int t, const Island& island) {
  const Perm q = Inverse(PermOf(g, g.nodes[t]));
  const int island_in = g.nodes[t].outputs[0], outer_in = g.nodes[t].inputs[0];
  for (int i : island.nodes) {
    Node& n = g.nodes[i];
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
  for (int e : island.exits) {
    const int in = g.nodes[e].inputs[0];
    g.ReplaceAllUses(g.nodes[e].outputs[0], in == island_in ? outer_in : in);
  }
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
      RewriteIsland(g, t, island);
      g.RemoveDeadNodes();
      changed = true;
    }
  }
  return Status::Ok();
}

}  // namespace cim
