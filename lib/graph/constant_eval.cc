// EvaluateNode: the table of constant-evaluation kernels and the shared
// broadcasting helpers.

#include "cim/graph/constant_eval.h"

#include <cmath>
#include <string_view>

#include "constant_eval_kernels.h"

namespace cim {
namespace {

struct EvalRow {
  std::string_view op;
  EvalKernel kernel;
};

constexpr EvalRow kEvalKernels[] = {
    {"Abs", EvalUnary},         {"Add", EvalBinary},          {"And", EvalBinary},
    {"BipolarQuant", EvalBinary}, {"Cast", EvalUnary},         {"Clip", EvalUnary},
    {"Concat", EvalConcat},     {"Div", EvalBinary},          {"Dropout", EvalCopy},
    {"Equal", EvalBinary},      {"Flatten", EvalCopy},        {"Gather", EvalGather},
    {"Greater", EvalBinary},    {"GreaterOrEqual", EvalBinary}, {"Identity", EvalCopy},
    {"Less", EvalBinary},       {"LessOrEqual", EvalBinary},  {"MatMul", EvalMatMul},
    {"Max", EvalVariadic},      {"Min", EvalVariadic},        {"Mul", EvalBinary},
    {"Neg", EvalUnary},         {"Not", EvalUnary},           {"Or", EvalBinary},
    {"Pad", EvalPad},           {"ReduceMax", EvalReduce},    {"ReduceMean", EvalReduce},
    {"ReduceSum", EvalReduce},  {"Relu", EvalUnary},          {"Reshape", EvalCopy},
    {"Round", EvalUnary},       {"Shape", EvalShape},         {"Sign", EvalUnary},
    {"Slice", EvalSlice},       {"Split", EvalSplit},         {"Squeeze", EvalCopy},
    {"Sub", EvalBinary},        {"Transpose", EvalTranspose}, {"Unsqueeze", EvalCopy},
    {"Where", EvalWhere},
};

EvalKernel FindKernel(std::string_view op) {
  for (const auto& row : kEvalKernels)
    if (row.op == op) return row.kernel;
  return nullptr;
}

}  // namespace

double StoreAs(DType t, double v) {
  switch (t) {
    case DType::kFloat: return static_cast<double>(static_cast<float>(v));
    case DType::kInt64: return std::trunc(v);
    case DType::kBool: return v != 0 ? 1.0 : 0.0;
  }
  return v;
}

std::vector<int64_t> Strides(const Shape& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) s[i - 1] = s[i] * shape[i];
  return s;
}

std::vector<int64_t> BroadcastIndex(const Shape& in, const Shape& out) {
  const size_t rank = out.size(), offset = rank - in.size();
  std::vector<int64_t> in_strides = Strides(in);
  std::vector<int64_t> stride(rank, 0);  // 0 along broadcast dims
  for (size_t i = 0; i < in.size(); ++i) stride[i + offset] = in[i] == 1 ? 0 : in_strides[i];
  std::vector<int64_t> index(NumElements(out));
  std::vector<int64_t> pos(rank, 0);
  int64_t flat_in = 0;
  for (size_t k = 0; k < index.size(); ++k) {
    index[k] = flat_in;
    for (size_t d = rank; d-- > 0;) {  // odometer increment
      ++pos[d];
      flat_in += stride[d];
      if (pos[d] < out[d]) break;
      flat_in -= stride[d] * pos[d];
      pos[d] = 0;
    }
  }
  return index;
}

bool CanEvaluate(const std::string& op_type) { return FindKernel(op_type) != nullptr; }

bool IsFoldable(const Graph& g, int node) {
  const Node& n = g.nodes[node];
  if (!CanEvaluate(n.op_type)) return false;
  if (n.op_type == "Shape") return true;  // shapes are static
  for (int in : n.inputs)
    if (in >= 0 && !g.IsConstant(in)) return false;
  return true;
}

Result<std::vector<Tensor>> EvaluateNode(const Graph& g, int node) {
  const Node& n = g.nodes[node];
  EvalKernel kernel = FindKernel(n.op_type);
  if (kernel == nullptr) return Unsupported(g.Where(node) + ": cannot evaluate this op on constants");
  EvalArgs args{g, n, {}, {}};
  for (int in : n.inputs) args.in.push_back(in >= 0 && g.IsConstant(in) ? &g.ConstantOf(in) : nullptr);
  for (int out : n.outputs) {
    Tensor t;
    t.dtype = g.values[out].dtype;
    t.shape = g.values[out].shape;
    args.out.push_back(std::move(t));
  }
  CIM_RETURN_IF_ERROR(kernel(args).WithPrefix(g.Where(node)));
  for (const Tensor& t : args.out)
    if (static_cast<int64_t>(t.values.size()) != NumElements(t.shape))
      return Internal(g.Where(node) + ": evaluator produced " + std::to_string(t.values.size()) +
                      " values for shape " + ShapeToString(t.shape));
  return std::move(args.out);
}

}  // namespace cim
