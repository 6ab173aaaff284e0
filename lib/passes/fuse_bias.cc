// Pass fuse_bias (see include/cim/passes/fuse_bias.h).

#include "cim/passes/fuse_bias.h"

#include <optional>
#include <string>

#include "lib/passes/channel_constant.h"
#include "lib/passes/graph_edit.h"

namespace cim {
namespace {

using passes::AsChannelConstant;
using passes::ChannelConstant;
using passes::IsGraphOutput;

Tensor Vector(std::vector<double> values) {
  Tensor t;
  t.shape = {static_cast<int64_t>(values.size())};
  t.values = std::move(values);
  return t;
}

// The constant of `add` (a two-input Add of `data` and a constant) as one
// value per channel along per-image axis 0 (expanded from a scalar), or
// nullopt.
std::optional<std::vector<double>> PerOutputBias(const Graph& g, const Node& add, int data, int64_t outputs) {
  if (add.op_type != "Add" || !add.domain.empty() || add.inputs.size() != 2) return std::nullopt;
  const int other = add.inputs[0] == data ? add.inputs[1] : add.inputs[0];
  if (!g.IsConstant(other) || (add.inputs[0] != data && add.inputs[1] != data)) return std::nullopt;
  if (g.values[add.outputs[0]].shape != g.values[data].shape) return std::nullopt;  // would broadcast
  Result<ChannelConstant> c = AsChannelConstant(g.ConstantOf(other), g.values[data].shape);
  if (!c.ok() || c->axis > 0) return std::nullopt;
  if (c->axis < 0) return std::vector<double>(static_cast<size_t>(outputs), c->values[0]);
  return c->values;
}

// The single Add reading the output of node `i`, if that is its only use.
int SoleAddConsumer(const Graph& g, int i) {
  const int out = g.nodes[i].outputs[0];
  if (IsGraphOutput(g, out)) return -1;
  const std::vector<int> users = g.Consumers(out);
  if (users.size() != 1 || g.nodes[users[0]].op_type != "Add") return -1;
  return users[0];
}

void NormaliseGemm(Graph& g, int i) {
  Node& n = g.nodes[i];
  if (n.GetInt("transA", 0) != 0 || n.inputs.size() < 2 || !g.IsConstant(n.inputs[1])) return;
  const bool trans_b = n.GetInt("transB", 0) != 0;
  const double alpha = n.GetFloat("alpha", 1.0), beta = n.GetFloat("beta", 1.0);
  const Tensor& b = g.ConstantOf(n.inputs[1]);
  if (b.shape.size() != 2) return;
  const bool has_c = n.inputs.size() > 2 && n.inputs[2] >= 0;
  if (!trans_b && alpha == 1.0 && beta == 1.0 && (!has_c || g.values[n.inputs[2]].shape.size() == 1)) return;
  const int64_t k = trans_b ? b.shape[1] : b.shape[0], m = trans_b ? b.shape[0] : b.shape[1];
  Tensor nb;
  nb.shape = {k, m};
  nb.values.resize(b.values.size());
  for (int64_t r = 0; r < k; ++r)
    for (int64_t c = 0; c < m; ++c)
      nb.values[r * m + c] = alpha * (trans_b ? b.values[c * k + r] : b.values[r * m + c]);
  const std::string b_name = g.values[n.inputs[1]].name + "/normalised";
  std::optional<std::vector<double>> bias;
  if (has_c) {
    if (!g.IsConstant(n.inputs[2])) return;
    const Tensor& c = g.ConstantOf(n.inputs[2]);
    if (c.values.size() != 1 && static_cast<int64_t>(c.values.size()) != m) return;  // [N,M] with N > 1
    bias = std::vector<double>(static_cast<size_t>(m));
    for (int64_t j = 0; j < m; ++j) (*bias)[j] = beta * c.values[c.values.size() == 1 ? 0 : j];
  }
  const std::string c_name = has_c ? g.values[n.inputs[2]].name + "/normalised" : "";
  const int nb_id = g.AddConstant(b_name, std::move(nb));
  Node& node = g.nodes[i];
  node.inputs[1] = nb_id;
  if (bias) node.inputs[2] = g.AddConstant(c_name, Vector(std::move(*bias)));
  node.attrs["transB"] = int64_t{0};
  node.attrs.erase("alpha");
  node.attrs.erase("beta");
}

void FuseMatMulAdd(Graph& g, int i) {
  Node& n = g.nodes[i];
  if (n.inputs.size() != 2 || !g.IsConstant(n.inputs[1]) || g.values[n.inputs[0]].shape.size() != 2) return;
  const Tensor& b = g.ConstantOf(n.inputs[1]);
  if (b.shape.size() != 2) return;
  const int add = SoleAddConsumer(g, i);
  if (add < 0) return;
  std::optional<std::vector<double>> bias = PerOutputBias(g, g.nodes[add], n.outputs[0], b.shape[1]);
  if (!bias) return;
  const int c = g.AddConstant(g.nodes[add].name + "/bias", Vector(std::move(*bias)));
  Node& mm = g.nodes[i];
  mm.op_type = "Gemm";
  mm.inputs.push_back(c);
  g.ReplaceAllUses(g.nodes[add].outputs[0], mm.outputs[0]);
}

void FuseConvAdd(Graph& g, int i) {
  const Node& n = g.nodes[i];
  if (n.inputs.size() > 2 && n.inputs[2] >= 0) return;  // already has a bias: keep both roundings
  const int add = SoleAddConsumer(g, i);
  if (add < 0) return;
  const int64_t outputs = g.values[n.outputs[0]].shape.size() > 1 ? g.values[n.outputs[0]].shape[1] : 0;
  std::optional<std::vector<double>> bias = PerOutputBias(g, g.nodes[add], n.outputs[0], outputs);
  if (!bias) return;
  const int c = g.AddConstant(g.nodes[add].name + "/bias", Vector(std::move(*bias)));
  Node& conv = g.nodes[i];
  conv.inputs.resize(3, -1);
  conv.inputs[2] = c;
  g.ReplaceAllUses(g.nodes[add].outputs[0], conv.outputs[0]);
}

}  // namespace

Status FuseBias(Graph& g) {
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    if (!n.domain.empty()) continue;
    if (n.op_type == "Gemm") NormaliseGemm(g, i);
    else if (n.op_type == "MatMul") FuseMatMulAdd(g, i);
    else if (n.op_type == "Conv") FuseConvAdd(g, i);
  }
  g.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace cim
