// Pass fold_thresholds (see include/cim/passes/fold_thresholds.h).

#include "cim/passes/fold_thresholds.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "cim/passes/value_range.h"
#include "cim/tile/pointwise.h"
#include "lib/passes/channel_constant.h"
#include "lib/passes/cim_nodes.h"
#include "lib/passes/graph_edit.h"
#include "lib/passes/node_steps.h"

namespace cim {
namespace {

// Most integers a threshold search visits per channel.
constexpr int64_t kMaxPoints = int64_t{1} << 20;

bool IsOneOf(const std::string& op, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (op == n) return true;
  return false;
}

// One node of a region, on numbered slots (slot 0 is the root).
struct RegionOp {
  enum class Kind { kSteps, kBinary, kCompare, kCast, kNot };
  Kind kind = Kind::kSteps;
  int in0 = 0, in1 = 0, out = 0;
  std::vector<PointwiseStep> steps;  // kSteps
  std::string op;                    // kBinary / kCompare: the ONNX op type
  std::vector<double> c;             // kCompare: the constant, 1 or per channel
  bool constant_first = false;       // kCompare: Greater(c, x)
  bool to_bool = false, to_int = false;  // kCast
};

// The elementwise nodes computed from one root value and constants alone.
struct Region {
  int root = -1;
  int axis = -1;                // per-image channel axis of the constants, -1 if all scalar
  std::vector<int> slot_value;  // slot -> value id
  std::vector<int> slot_node;   // slot -> producing node (-1 for the root)
  std::vector<RegionOp> ops;
};

double Pick(const std::vector<double>& v, int64_t channel) {
  return v.size() == 1 ? v[0] : v[static_cast<size_t>(channel)];
}

double Binary(const std::string& op, double a, double b) {
  if (op == "Add") return a + b;
  if (op == "Sub") return a - b;
  if (op == "Mul") return a * b;
  if (op == "Max") return std::max(a, b);
  return std::min(a, b);
}

double Compare(const std::string& op, double a, double b) {
  bool r;
  if (op == "Greater") r = a > b;
  else if (op == "Less") r = a < b;
  else if (op == "GreaterOrEqual") r = a >= b;
  else if (op == "LessOrEqual") r = a <= b;
  else r = a == b;
  return r ? 1.0 : 0.0;
}

void Evaluate(const Region& region, int64_t channel, double x, std::vector<double>& slots) {
  slots[0] = x;
  for (const RegionOp& op : region.ops) {
    const double a = slots[op.in0];
    double y = 0.0;
    switch (op.kind) {
      case RegionOp::Kind::kSteps: y = ApplyPointwiseChain(op.steps, channel, a); break;
      case RegionOp::Kind::kBinary: y = Binary(op.op, a, slots[op.in1]); break;
      case RegionOp::Kind::kCompare: {
        const double c = Pick(op.c, channel);
        y = op.constant_first ? Compare(op.op, c, a) : Compare(op.op, a, c);
        break;
      }
      case RegionOp::Kind::kCast: y = op.to_bool ? (a != 0.0 ? 1.0 : 0.0) : op.to_int ? std::trunc(a) : a; break;
      case RegionOp::Kind::kNot: y = a == 0.0 ? 1.0 : 0.0; break;
    }
    slots[op.out] = y;
  }
}

// The region op for node i, which reads at least one region value, or nullopt
// when the node is not part of the region.
std::optional<RegionOp> AsRegionOp(const Graph& g, int i, const std::map<int, int>& slot_of, int& axis) {
  const Node& n = g.nodes[i];
  if (n.outputs.size() != 1) return std::nullopt;
  for (int v : n.inputs)
    if (v >= 0 && !g.IsConstant(v) && !slot_of.count(v)) return std::nullopt;  // an outside tensor
  RegionOp op;
  op.op = n.op_type;
  if (passes::IsPointwiseNode(g, n)) {
    Result<passes::NodeSteps> ns = passes::StepsForNode(g, i);
    if (!ns.ok() || !passes::MergeChannelAxis(axis, ns->channel_axis)) return std::nullopt;
    op.kind = RegionOp::Kind::kSteps;
    op.in0 = slot_of.at(ns->data_value);
    op.steps = std::move(ns->steps);
    return op;
  }
  if (!n.domain.empty()) return std::nullopt;
  if (IsOneOf(n.op_type, {"Add", "Sub", "Mul", "Max", "Min"}) && n.inputs.size() == 2) {
    op.kind = RegionOp::Kind::kBinary;
    op.in0 = slot_of.at(n.inputs[0]);
    op.in1 = slot_of.at(n.inputs[1]);
    return op;
  }
  if (IsOneOf(n.op_type, {"Greater", "Less", "GreaterOrEqual", "LessOrEqual", "Equal"}) && n.inputs.size() == 2 &&
      g.IsConstant(n.inputs[0]) != g.IsConstant(n.inputs[1])) {
    op.kind = RegionOp::Kind::kCompare;
    op.constant_first = g.IsConstant(n.inputs[0]);
    const int data = n.inputs[op.constant_first ? 1 : 0];
    Result<passes::ChannelConstant> c =
        passes::AsChannelConstant(g.ConstantOf(n.inputs[op.constant_first ? 0 : 1]), g.values[data].shape);
    if (!c.ok() || !passes::MergeChannelAxis(axis, c->axis)) return std::nullopt;
    op.in0 = slot_of.at(data);
    op.c = c->values;
    return op;
  }
  if (n.op_type == "Cast" && n.inputs.size() == 1) {
    op.kind = RegionOp::Kind::kCast;
    op.in0 = slot_of.at(n.inputs[0]);
    op.to_bool = passes::CastTargetOf(n) == passes::CastTarget::kBool;
    op.to_int = passes::CastTargetOf(n) == passes::CastTarget::kInteger;
    return op;
  }
  if (n.op_type == "Not" && n.inputs.size() == 1) {
    op.kind = RegionOp::Kind::kNot;
    op.in0 = slot_of.at(n.inputs[0]);
    return op;
  }
  return std::nullopt;
}

Region GrowRegion(const Graph& g, int root) {
  Region region;
  region.root = root;
  region.slot_value = {root};
  region.slot_node = {-1};
  std::map<int, int> slot_of = {{root, 0}};
  const Shape& shape = g.values[root].shape;
  for (int i = g.values[root].producer + 1; i < static_cast<int>(g.nodes.size()); ++i) {
    const Node& n = g.nodes[i];
    bool reads_region = false;
    for (int v : n.inputs) reads_region = reads_region || (v >= 0 && slot_of.count(v));
    if (!reads_region || n.outputs.size() != 1 || g.values[n.outputs[0]].shape != shape) continue;
    int axis = region.axis;
    std::optional<RegionOp> op = AsRegionOp(g, i, slot_of, axis);
    if (!op) continue;
    region.axis = axis;
    op->out = static_cast<int>(region.slot_value.size());
    slot_of[n.outputs[0]] = op->out;
    region.slot_value.push_back(n.outputs[0]);
    region.slot_node.push_back(i);
    region.ops.push_back(std::move(*op));
  }
  return region;
}

bool IsThresholdRange(const ValueRange& r) {
  if (!r.finite || r.set.size() > 3) return false;
  for (double v : r.set)
    if (v != std::nearbyint(v) || v < -128 || v > 127) return false;
  return true;
}

// Integers the root can hold, ascending, or empty when there are too many.
std::vector<double> Points(const ValueRange& r) {
  if (r.finite) return r.set;
  if (r.hi - r.lo + 1 > static_cast<double>(kMaxPoints)) return {};
  std::vector<double> p;
  for (double x = r.lo; x <= r.hi; x += 1.0) p.push_back(x);
  return p;
}

// Run-length state of one candidate in one channel.
struct Runs {
  int count = 0;
  double value[3] = {0, 0, 0};
  double start[3] = {0, 0, 0};
};

// Appends one channel's thresholds, read off its (at most three) runs.
void AppendChannel(ThresholdOp& op, const Runs& r) {
  const auto level = [&](int i) { return static_cast<int8_t>(r.value[std::min(i, r.count - 1)]); };
  const double lower = r.count >= 2 ? r.start[1] : r.start[0];
  const double upper = r.count == 3 ? r.start[2] : lower;
  op.lower.push_back(static_cast<int64_t>(lower));
  op.upper.push_back(static_cast<int64_t>(upper));
  op.low.push_back(level(0));
  op.mid.push_back(r.count == 3 ? level(1) : level(r.count - 1));
  op.high.push_back(level(r.count - 1));
}

// Thresholds of every candidate slot, or nullopt for those that do not fold.
std::vector<std::optional<ThresholdOp>> Fold(const Graph& g, const Region& region, const std::vector<int>& cands,
                                             const std::vector<double>& points) {
  const int64_t channels =
      region.axis < 0 ? 1 : g.values[region.root].shape[static_cast<size_t>(region.axis) + 1];
  std::vector<std::optional<ThresholdOp>> out(cands.size(), ThresholdOp());
  std::vector<double> slots(region.slot_value.size());
  for (int64_t c = 0; c < channels; ++c) {
    std::vector<Runs> runs(cands.size());
    for (double x : points) {
      Evaluate(region, c, x, slots);
      for (size_t k = 0; k < cands.size(); ++k) {
        if (!out[k]) continue;
        Runs& r = runs[k];
        const double y = slots[cands[k]];
        if (r.count > 0 && y == r.value[r.count - 1]) continue;
        if (r.count == 3 || y != std::nearbyint(y) || y < -128 || y > 127) {
          out[k].reset();
          continue;
        }
        r.value[r.count] = y;
        r.start[r.count] = x;
        ++r.count;
      }
    }
    for (size_t k = 0; k < cands.size(); ++k)
      if (out[k]) AppendChannel(*out[k], runs[k]);
  }
  for (auto& op : out)
    if (op) op->channel_axis = std::max(region.axis, 0);
  return out;
}

bool IsRoot(const Graph& g, int v, const ValueRange& r) {
  if (g.IsConstant(v) || !r.IsBoundedInteger() || IsThresholdRange(r)) return false;
  return g.values[v].shape.size() >= 2;  // batch + at least one per-image axis
}

}  // namespace

Status FoldThresholds(Graph& g) {
  const std::vector<ValueRange> ranges = AnalyseValueRanges(g);
  const int num_values = static_cast<int>(g.values.size());
  std::set<int> folded;  // values already replaced by a threshold
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) {
    const int root = g.nodes[i].outputs[0];
    if (root >= num_values || !IsRoot(g, root, ranges[root])) continue;
    const std::vector<double> points = Points(ranges[root]);
    if (points.empty()) continue;
    const Region region = GrowRegion(g, root);
    std::vector<int> cands;
    for (size_t s = 1; s < region.slot_value.size(); ++s) {
      const int v = region.slot_value[s];
      if (v < num_values && IsThresholdRange(ranges[v]) && !folded.count(v)) cands.push_back(static_cast<int>(s));
    }
    if (cands.empty()) continue;
    std::vector<std::optional<ThresholdOp>> ops = Fold(g, region, cands, points);
    for (size_t k = 0; k < cands.size(); ++k) {
      if (!ops[k]) continue;
      const int v = region.slot_value[cands[k]];
      ops[k]->name = g.nodes[region.slot_node[cands[k]]].name;
      const int out = passes::AddTensorValue(g, g.values[v].name + "/threshold", g.values[root].shape);
      g.AddNode(passes::MakeThresholdNode(*ops[k], root, out));
      g.ReplaceAllUses(v, out);
      folded.insert(v);
    }
  }
  CIM_RETURN_IF_ERROR(passes::RestoreTopologicalOrder(g));
  g.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace cim
