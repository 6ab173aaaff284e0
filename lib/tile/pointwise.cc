#include "cim/tile/pointwise.h"

#include <algorithm>
#include <cmath>

namespace cim {
namespace {

double Pick(const std::vector<double>& v, int64_t channel) {
  return v.size() == 1 ? v[0] : v[static_cast<size_t>(channel)];
}

double OnnxSign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

}  // namespace

double ApplyPointwiseStep(const PointwiseStep& s, int64_t channel, double x) {
  using K = PointwiseStep::Kind;
  switch (s.kind) {
    case K::kAdd: return x + Pick(s.c, channel);
    case K::kSub: return s.reversed ? Pick(s.c, channel) - x : x - Pick(s.c, channel);
    case K::kMul: return x * Pick(s.c, channel);
    case K::kDiv: return s.reversed ? Pick(s.c, channel) / x : x / Pick(s.c, channel);
    case K::kMax: return std::max(x, Pick(s.c, channel));
    case K::kMin: return std::min(x, Pick(s.c, channel));
    case K::kSign: return OnnxSign(x);
    case K::kRelu: return std::max(x, 0.0);
    case K::kNeg: return -x;
    case K::kAbs: return std::fabs(x);
    case K::kBatchNorm: {
      // ONNX order: (x - mean) / sqrt(var + eps) * scale + bias.
      const double mean = Pick(s.c3, channel), var = Pick(s.c4, channel);
      return (x - mean) / std::sqrt(var + s.eps) * Pick(s.c, channel) + Pick(s.c2, channel);
    }
  }
  return x;
}

double ApplyPointwiseChain(const std::vector<PointwiseStep>& steps, int64_t channel, double x) {
  for (const PointwiseStep& s : steps) x = ApplyPointwiseStep(s, channel, x);
  return x;
}

const char* PointwiseKindName(PointwiseStep::Kind kind) {
  using K = PointwiseStep::Kind;
  switch (kind) {
    case K::kAdd: return "Add";
    case K::kSub: return "Sub";
    case K::kMul: return "Mul";
    case K::kDiv: return "Div";
    case K::kMax: return "Max";
    case K::kMin: return "Min";
    case K::kSign: return "Sign";
    case K::kRelu: return "Relu";
    case K::kNeg: return "Neg";
    case K::kAbs: return "Abs";
    case K::kBatchNorm: return "BatchNorm";
  }
  return "?";
}

}  // namespace cim
