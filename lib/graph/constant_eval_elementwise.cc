// Constant evaluation of elementwise ops with ONNX semantics.

#include <cmath>
#include <limits>
#include <string>

#include "constant_eval_kernels.h"

namespace cim {
namespace {

double Sign(double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : x; }  // Sign(0) = 0, NaN stays

Result<double> ApplyBinary(const std::string& op, double a, double b, DType in_type) {
  if (op == "Add") return a + b;
  if (op == "Sub") return a - b;
  if (op == "Mul") return a * b;
  if (op == "Div") {
    if (in_type == DType::kInt64) {
      if (b == 0) return InvalidArgument("integer division by zero");
      return std::trunc(a / b);
    }
    return a / b;
  }
  if (op == "Greater") return a > b ? 1.0 : 0.0;
  if (op == "Less") return a < b ? 1.0 : 0.0;
  if (op == "GreaterOrEqual") return a >= b ? 1.0 : 0.0;
  if (op == "LessOrEqual") return a <= b ? 1.0 : 0.0;
  if (op == "Equal") return a == b ? 1.0 : 0.0;
  if (op == "And") return (a != 0 && b != 0) ? 1.0 : 0.0;
  if (op == "Or") return (a != 0 || b != 0) ? 1.0 : 0.0;
  if (op == "BipolarQuant") return (a >= 0 ? 1.0 : -1.0) * b;  // QONNX: 0 -> +1
  return Unsupported("no binary evaluator for " + op);
}

}  // namespace

Status EvalUnary(EvalArgs& a) {
  const std::string& op = a.n.op_type;
  const std::vector<double>& x = a.in[0]->values;
  Tensor& out = a.out[0];
  out.values.resize(x.size());
  const double lo = a.n.GetFloat("min", -std::numeric_limits<double>::infinity());
  const double hi = a.n.GetFloat("max", std::numeric_limits<double>::infinity());
  for (size_t i = 0; i < x.size(); ++i) {
    double v = x[i], r;
    if (op == "Sign") r = Sign(v);
    else if (op == "Neg") r = -v;
    else if (op == "Abs") r = std::fabs(v);
    else if (op == "Relu") r = v > 0 ? v : 0.0;
    else if (op == "Round") r = std::nearbyint(v);  // default rounding mode: half to even
    else if (op == "Not") r = v == 0 ? 1.0 : 0.0;
    else if (op == "Clip") r = v < lo ? lo : v > hi ? hi : v;
    else if (op == "Cast") r = v;  // StoreAs converts
    else return Unsupported("no unary evaluator for " + op);
    out.values[i] = StoreAs(out.dtype, r);
  }
  return Status::Ok();
}

Status EvalBinary(EvalArgs& a) {
  Tensor& out = a.out[0];
  std::vector<int64_t> ia = BroadcastIndex(a.in[0]->shape, out.shape);
  std::vector<int64_t> ib = BroadcastIndex(a.in[1]->shape, out.shape);
  out.values.resize(ia.size());
  for (size_t i = 0; i < ia.size(); ++i) {
    CIM_ASSIGN_OR_RETURN(double r, ApplyBinary(a.n.op_type, a.in[0]->values[ia[i]], a.in[1]->values[ib[i]],
                                               a.in[0]->dtype));
    out.values[i] = StoreAs(out.dtype, r);
  }
  return Status::Ok();
}

Status EvalVariadic(EvalArgs& a) {
  Tensor& out = a.out[0];
  const bool is_max = a.n.op_type == "Max";
  out.values.assign(NumElements(out.shape), is_max ? -std::numeric_limits<double>::infinity()
                                                   : std::numeric_limits<double>::infinity());
  for (const Tensor* t : a.in) {
    if (t == nullptr) continue;
    std::vector<int64_t> idx = BroadcastIndex(t->shape, out.shape);
    for (size_t i = 0; i < idx.size(); ++i) {
      double v = t->values[idx[i]];
      if (std::isnan(v) || (is_max ? v > out.values[i] : v < out.values[i])) out.values[i] = v;
    }
  }
  return Status::Ok();
}

Status EvalWhere(EvalArgs& a) {
  Tensor& out = a.out[0];
  std::vector<int64_t> ic = BroadcastIndex(a.in[0]->shape, out.shape);
  std::vector<int64_t> ix = BroadcastIndex(a.in[1]->shape, out.shape);
  std::vector<int64_t> iy = BroadcastIndex(a.in[2]->shape, out.shape);
  out.values.resize(ic.size());
  for (size_t i = 0; i < ic.size(); ++i)
    out.values[i] = a.in[0]->values[ic[i]] != 0 ? a.in[1]->values[ix[i]] : a.in[2]->values[iy[i]];
  return Status::Ok();
}

}  // namespace cim
