#pragma once
// Private: kernels behind EvaluateNode. Each takes the node, its constant
// inputs (nullptr for omitted ones) and the already inferred output types.

#include <vector>

#include "cim/graph/constant_eval.h"
#include "cim/graph/graph.h"

namespace cim {

struct EvalArgs {
  const Graph& g;
  const Node& n;
  std::vector<const Tensor*> in;  // nullptr: omitted optional input
  std::vector<Tensor> out;        // dtype and shape set; values to fill
};
using EvalKernel = Status (*)(EvalArgs& a);

/// Rounds float results to float32, int64 results toward zero.
double StoreAs(DType t, double v);
/// Row-major strides of `shape`.
std::vector<int64_t> Strides(const Shape& shape);
/// For each element of `out`, the flat index into `in` under numpy broadcasting.
std::vector<int64_t> BroadcastIndex(const Shape& in, const Shape& out);

// constant_eval_elementwise.cc
Status EvalUnary(EvalArgs& a);
Status EvalBinary(EvalArgs& a);
Status EvalVariadic(EvalArgs& a);
Status EvalWhere(EvalArgs& a);

// constant_eval_layout.cc
Status EvalCopy(EvalArgs& a);  // Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout
Status EvalTranspose(EvalArgs& a);
Status EvalShape(EvalArgs& a);
Status EvalGather(EvalArgs& a);
Status EvalConcat(EvalArgs& a);
Status EvalSlice(EvalArgs& a);
Status EvalSplit(EvalArgs& a);
Status EvalPad(EvalArgs& a);
Status EvalMatMul(EvalArgs& a);
Status EvalReduce(EvalArgs& a);

}  // namespace cim
