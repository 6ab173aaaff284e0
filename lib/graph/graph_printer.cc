// PrintGraph: the stable text form of the graph IR used by golden tests and
// --print-after. One line per input, node and output:
//
//   graph "model.onnx" opset 13
//   input %0:float[1,1,28,28] "input_1"
//   %7:float[1,32,26,26] = Conv(%0, %3:const float[32,1,3,3]) {name="conv1", pads=[0,0,0,0], strides=[1,1]}
//   output %9:float[1,10] "logits"
//
// Constants with at most kInlineValues elements print their values, so folded
// scalars and small vectors can be checked from the text.

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "cim/graph/graph.h"
#include "cim/graph/graph_text.h"

namespace cim {
namespace {

constexpr int64_t kInlineValues = 8;

void AppendList(std::string& s, const std::vector<int64_t>& v) {
  s += "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
  s += "]";
}

void AppendDoubles(std::string& s, const std::vector<double>& v, DType dtype) {
  s += "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) s += ",";
    s += dtype == DType::kFloat ? FormatNumber(v[i]) : std::to_string(static_cast<int64_t>(v[i]));
  }
  s += "]";
}

std::string TensorText(const Tensor& t) {
  std::string s = std::string("const ") + DTypeName(t.dtype) + ShapeToString(t.shape);
  if (static_cast<int64_t>(t.values.size()) <= kInlineValues) AppendDoubles(s, t.values, t.dtype);
  return s;
}

std::string AttrText(const AttrValue& a) {
  std::string s;
  if (const auto* i = std::get_if<int64_t>(&a)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&a)) return FormatNumber(*d);
  if (const auto* str = std::get_if<std::string>(&a)) return "\"" + *str + "\"";
  if (const auto* ints = std::get_if<std::vector<int64_t>>(&a)) {
    AppendList(s, *ints);
    return s;
  }
  if (const auto* ds = std::get_if<std::vector<double>>(&a)) {
    AppendDoubles(s, *ds, DType::kFloat);
    return s;
  }
  return TensorText(std::get<Tensor>(a));
}

}  // namespace

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // Shortest text that reads back to the same float32; graph values are
  // float32 in ONNX, and "0.1" reads better than "0.100000001490116".
  // Whole numbers print as integers ("10", not "1e+01").
  if (v == std::trunc(v) && std::fabs(v) < 1e15) {
    char whole[32];
    std::snprintf(whole, sizeof whole, "%.0f", v);
    return whole;  // "%.0f" keeps the sign of -0
  }
  const bool is_float32 = static_cast<double>(static_cast<float>(v)) == v;
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    double back = std::strtod(buf, nullptr);
    if (is_float32 ? static_cast<float>(back) == static_cast<float>(v) : back == v) break;
  }
  return buf;
}

std::string ValueText(const Graph& g, int id) {
  if (id < 0) return "_";
  if (id >= static_cast<int>(g.values.size())) return "%" + std::to_string(id) + ":<out of range>";
  const Value& v = g.values[id];
  std::string s = "%" + std::to_string(id) + ":";
  if (v.constant) return s + TensorText(*v.constant);
  return s + DTypeName(v.dtype) + ShapeToString(v.shape);
}

std::string NodeText(const Graph& g, int node_index) {
  const Node& n = g.nodes[node_index];
  std::string s;
  for (size_t i = 0; i < n.outputs.size(); ++i) s += (i ? ", " : "") + ValueText(g, n.outputs[i]);
  s += " = " + n.op_type + "(";
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    int id = n.inputs[i];
    s += i ? ", " : "";
    // Non-constant inputs were printed where they were defined.
    s += g.IsConstant(id) ? ValueText(g, id) : (id < 0 ? "_" : "%" + std::to_string(id));
  }
  s += ") {name=\"" + n.name + "\"";
  if (!n.domain.empty()) s += ", domain=\"" + n.domain + "\"";
  for (const auto& [key, value] : n.attrs) s += ", " + key + "=" + AttrText(value);
  return s + "}";
}

std::string PrintGraph(const Graph& g) {
  std::string s = "graph \"" + g.source + "\" opset " + std::to_string(g.opset) + "\n";
  for (int id : g.inputs) s += "input " + ValueText(g, id) + " \"" + g.values[id].name + "\"\n";
  for (size_t k = 0; k < g.nodes.size(); ++k) s += NodeText(g, static_cast<int>(k)) + "\n";
  for (int id : g.outputs) s += "output " + ValueText(g, id) + " \"" + g.values[id].name + "\"\n";
  return s;
}

}  // namespace cim
