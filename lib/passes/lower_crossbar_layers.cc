// Pass lower_crossbar_layers (see include/cim/passes/lower_crossbar_layers.h).

#include "cim/passes/lower_crossbar_layers.h"

#include <algorithm>
#include <optional>
#include <string>

#include "cim/passes/value_range.h"
#include "lib/passes/cim_nodes.h"
#include "lib/passes/conv_geometry.h"
#include "lib/passes/graph_edit.h"
#include "lib/passes/weight_quantization.h"

namespace cim {
namespace {

using passes::QuantizedWeights;

struct LayerPlan {
  XbarLinearOp op;
  int input = -1;            // value the crossbar reads
  std::vector<double> scales;  // per output, empty when all are 1
  std::vector<double> bias;    // per output, empty when none
};

int AddNode(Graph& g, const std::string& op_type, const std::string& name, std::vector<int> inputs,
            const Shape& shape) {
  const int out = passes::AddTensorValue(g, name, shape);
  Node n;
  n.name = name;
  n.op_type = op_type;
  n.inputs = std::move(inputs);
  n.outputs = {out};
  g.AddNode(std::move(n));
  return out;
}

// A per-output constant shaped to broadcast along the channel axis of `like`.
int ChannelConstant(Graph& g, const std::string& name, std::vector<double> values, const Shape& like) {
  Tensor t;
  t.shape = {static_cast<int64_t>(values.size())};
  if (like.size() == 4) t.shape = {t.shape[0], 1, 1};
  t.values = std::move(values);
  return g.AddConstant(name, std::move(t));
}

// Folds a constant Pad in front of a conv into its geometry. Returns the
// value the conv then reads.
int FoldPad(const Graph& g, int x, ConvGeometry& geom) {
  const int p = g.values[x].producer;
  if (p < 0) return x;
  const Node& pad = g.nodes[p];
  if (pad.op_type != "Pad" || !pad.domain.empty() || pad.GetString("mode", "constant") != "constant") return x;
  if (pad.inputs.size() != 1 || !pad.HasAttr("pads")) return x;  // parameters not in canonical attributes
  const std::vector<int64_t> pads = pad.GetInts("pads");
  const double value = pad.GetFloat("value", 0.0);
  if (pads.size() != 8 || pads[0] || pads[1] || pads[4] || pads[5]) return x;
  if (std::any_of(pads.begin(), pads.end(), [](int64_t v) { return v < 0; })) return x;
  const bool own_pads = geom.pad_top || geom.pad_left || geom.pad_bottom || geom.pad_right;
  if (value != 0.0 && (own_pads || (value != 1.0 && value != -1.0))) return x;
  const Shape& in = g.values[pad.inputs[0]].shape;
  geom.in_h = in[2];
  geom.in_w = in[3];
  geom.pad_top += pads[2];
  geom.pad_left += pads[3];
  geom.pad_bottom += pads[6];
  geom.pad_right += pads[7];
  geom.pad_value = value;
  return pad.inputs[0];
}

bool InputQualifies(const ValueRange& r) { return r.IsSubsetOf({-1.0, 0.0, 1.0}); }

void SetWeights(LayerPlan& plan, const QuantizedWeights& q) {
  plan.op.weights = q.signs;
  plan.op.ternary_weights = q.ternary;
  if (!q.unit_scales) plan.scales = q.scales;
}

std::optional<LayerPlan> PlanConv(const Graph& g, int i, const std::vector<ValueRange>& ranges) {
  const Node& n = g.nodes[i];
  if (n.inputs.size() < 2 || !g.IsConstant(n.inputs[1])) return std::nullopt;
  const bool has_bias = n.inputs.size() > 2 && n.inputs[2] >= 0;
  if (has_bias && !g.IsConstant(n.inputs[2])) return std::nullopt;
  Result<ConvGeometry> geom = passes::ConvGeometryOf(g, i);
  if (!geom.ok()) return std::nullopt;  // lower_to_program reports it
  LayerPlan plan;
  plan.op.geom = *geom;
  plan.input = FoldPad(g, n.inputs[0], plan.op.geom);
  if (!InputQualifies(ranges[plan.input])) {
    plan.op.geom = *geom;  // the Pad output itself may still qualify
    plan.input = n.inputs[0];
    if (!InputQualifies(ranges[plan.input])) return std::nullopt;
  }
  std::optional<QuantizedWeights> q =
      passes::QuantizeRows(g.ConstantOf(n.inputs[1]).values, geom->out_channels, geom->PatchSize());
  if (!q) return std::nullopt;
  SetWeights(plan, *q);
  if (has_bias) plan.bias = g.ConstantOf(n.inputs[2]).values;
  return plan;
}

bool IsNormalDense(const Graph& g, const Node& n) {
  if (n.op_type == "MatMul") return n.inputs.size() == 2;
  return n.op_type == "Gemm" && n.GetInt("transA", 0) == 0 && n.GetInt("transB", 0) == 0 &&
         n.GetFloat("alpha", 1.0) == 1.0 && n.GetFloat("beta", 1.0) == 1.0 &&
         (n.inputs.size() < 3 || n.inputs[2] < 0 || g.values[n.inputs[2]].shape.size() == 1);
}

std::optional<LayerPlan> PlanDense(const Graph& g, int i, const std::vector<ValueRange>& ranges) {
  const Node& n = g.nodes[i];
  if (!IsNormalDense(g, n) || !g.IsConstant(n.inputs[1])) return std::nullopt;
  const Shape& x = g.values[n.inputs[0]].shape;
  const Tensor& b = g.ConstantOf(n.inputs[1]);
  if (x.size() != 2 || b.shape.size() != 2 || b.shape[0] != x[1]) return std::nullopt;
  const bool has_bias = n.inputs.size() > 2 && n.inputs[2] >= 0;
  if (has_bias && !g.IsConstant(n.inputs[2])) return std::nullopt;
  if (!InputQualifies(ranges[n.inputs[0]])) return std::nullopt;
  const int64_t k = b.shape[0], m = b.shape[1];
  std::vector<double> rows(b.values.size());  // [K,M] -> [M][K]
  for (int64_t r = 0; r < k; ++r)
    for (int64_t c = 0; c < m; ++c) rows[c * k + r] = b.values[r * m + c];
  std::optional<QuantizedWeights> q = passes::QuantizeRows(rows, m, k);
  if (!q) return std::nullopt;
  LayerPlan plan;
  plan.input = n.inputs[0];
  plan.op.dense = true;
  plan.op.geom = passes::DenseGeometry(k, m);
  SetWeights(plan, *q);
  if (has_bias) plan.bias = g.ConstantOf(n.inputs[2]).values;
  return plan;
}

void Rewrite(Graph& g, int i, LayerPlan plan, const ValueRange& input_range) {
  const std::string name = g.nodes[i].name;
  const int old_out = g.nodes[i].outputs[0];
  const Shape shape = g.values[old_out].shape;
  plan.op.name = name;
  plan.op.ternary_inputs = !input_range.IsSubsetOf({-1.0, 1.0});
  int y = passes::AddTensorValue(g, g.values[old_out].name + "/xbar", shape);
  g.AddNode(passes::MakeXbarLinearNode(plan.op, plan.input, y));
  if (!plan.scales.empty()) {
    const int c = ChannelConstant(g, name + "/scale", std::move(plan.scales), shape);
    y = AddNode(g, "Mul", name + "/scale", {y, c}, shape);
  }
  if (!plan.bias.empty()) {
    const int c = ChannelConstant(g, name + "/bias", std::move(plan.bias), shape);
    y = AddNode(g, "Add", name + "/bias", {y, c}, shape);
  }
  g.ReplaceAllUses(old_out, y);
}

}  // namespace

Status LowerCrossbarLayers(Graph& g) {
  std::vector<ValueRange> ranges = AnalyseValueRanges(g);
  const int num_nodes = static_cast<int>(g.nodes.size());
  for (int i = 0; i < num_nodes; ++i) {
    ranges.resize(g.values.size());  // values added by a rewrite: nothing known (real)
    const Node& n = g.nodes[i];
    if (!n.domain.empty() || n.outputs.size() != 1) continue;
    std::optional<LayerPlan> plan;
    if (n.op_type == "Conv") plan = PlanConv(g, i, ranges);
    else if (n.op_type == "Gemm" || n.op_type == "MatMul") plan = PlanDense(g, i, ranges);
    if (!plan) continue;
    const ValueRange input_range = ranges[plan->input];
    Rewrite(g, i, std::move(*plan), input_range);
  }
  CIM_RETURN_IF_ERROR(passes::RestoreTopologicalOrder(g));
  g.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace cim
