#include "lib/passes/cim_nodes.h"

#include <cmath>
#include <vector>

namespace cim::passes {
namespace {

std::vector<int64_t> GeometryInts(const ConvGeometry& g) {
  return {g.in_channels, g.in_h,     g.in_w,       g.out_channels, g.out_h,    g.out_w,
          g.kernel_h,    g.kernel_w, g.stride_h,   g.stride_w,     g.dilation_h, g.dilation_w,
          g.pad_top,     g.pad_left, g.pad_bottom, g.pad_right,    g.groups};
}

ConvGeometry GeometryFromInts(const std::vector<int64_t>& v, double pad_value) {
  ConvGeometry g;
  int64_t* fields[] = {&g.in_channels, &g.in_h,     &g.in_w,       &g.out_channels, &g.out_h,
                       &g.out_w,       &g.kernel_h, &g.kernel_w,   &g.stride_h,     &g.stride_w,
                       &g.dilation_h,  &g.dilation_w, &g.pad_top,  &g.pad_left,     &g.pad_bottom,
                       &g.pad_right,   &g.groups};
  for (size_t i = 0; i < v.size() && i < std::size(fields); ++i) *fields[i] = v[i];
  g.pad_value = pad_value;
  return g;
}

template <typename T>
std::vector<int64_t> ToInts(const std::vector<T>& v) {
  return std::vector<int64_t>(v.begin(), v.end());
}

std::vector<int8_t> ToInt8(const std::vector<int64_t>& v) {
  std::vector<int8_t> out;
  for (int64_t x : v) out.push_back(static_cast<int8_t>(x));
  return out;
}

Node BaseNode(const std::string& name, const char* op_type, int input, int output) {
  Node n;
  n.name = name;
  n.op_type = op_type;
  n.domain = kCimDomain;
  n.inputs = {input};
  n.outputs = {output};
  return n;
}

}  // namespace

bool IsCimNode(const Node& n, const char* op_type) {
  return n.domain == kCimDomain && n.op_type == op_type;
}

Node MakeXbarLinearNode(const XbarLinearOp& op, int input, int output) {
  Node n = BaseNode(op.name, kXbarLinearOp, input, output);
  Tensor w;
  w.shape = {op.geom.out_channels, op.geom.PatchSize()};
  w.values.assign(op.weights.begin(), op.weights.end());
  n.attrs["weights"] = std::move(w);
  n.attrs["geometry"] = GeometryInts(op.geom);
  n.attrs["pad_value"] = op.geom.pad_value;
  n.attrs["dense"] = int64_t{op.dense};
  n.attrs["ternary_weights"] = int64_t{op.ternary_weights};
  n.attrs["ternary_inputs"] = int64_t{op.ternary_inputs};
  return n;
}

XbarLinearOp XbarLinearFromNode(const Node& n) {
  XbarLinearOp op;
  op.name = n.name;
  op.geom = GeometryFromInts(n.GetInts("geometry"), n.GetFloat("pad_value", 0.0));
  op.dense = n.GetInt("dense", 0) != 0;
  op.ternary_weights = n.GetInt("ternary_weights", 0) != 0;
  op.ternary_inputs = n.GetInt("ternary_inputs", 0) != 0;
  const Tensor& w = std::get<Tensor>(n.attrs.at("weights"));
  for (double v : w.values) op.weights.push_back(static_cast<int8_t>(v));
  return op;
}

int64_t XbarOutputBound(const Node& n) {
  const Tensor& w = std::get<Tensor>(n.attrs.at("weights"));
  const int64_t rows = w.shape.empty() ? 0 : w.shape[0];
  const int64_t k = rows == 0 ? 0 : static_cast<int64_t>(w.values.size()) / rows;
  int64_t bound = 0;
  for (int64_t m = 0; m < rows; ++m) {
    int64_t sum = 0;
    for (int64_t i = 0; i < k; ++i) sum += w.values[m * k + i] != 0.0 ? 1 : 0;
    bound = std::max(bound, sum);
  }
  return bound;
}

Node MakeThresholdNode(const ThresholdOp& op, int input, int output) {
  Node n = BaseNode(op.name, kThresholdOp, input, output);
  n.attrs["channel_axis"] = int64_t{op.channel_axis};
  n.attrs["lower"] = op.lower;
  n.attrs["upper"] = op.upper;
  n.attrs["low"] = ToInts(op.low);
  n.attrs["mid"] = ToInts(op.mid);
  n.attrs["high"] = ToInts(op.high);
  return n;
}

ThresholdOp ThresholdFromNode(const Node& n) {
  ThresholdOp op;
  op.name = n.name;
  op.channel_axis = static_cast<int>(n.GetInt("channel_axis", 0));
  op.lower = n.GetInts("lower");
  op.upper = n.GetInts("upper");
  op.low = ToInt8(n.GetInts("low"));
  op.mid = ToInt8(n.GetInts("mid"));
  op.high = ToInt8(n.GetInts("high"));
  return op;
}

}  // namespace cim::passes
