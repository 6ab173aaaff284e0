#include "lib/tile/op_names.h"

namespace cim {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace

const char* OpKindName(const Op& op) {
  return std::visit(Overloaded{
                        [](const XbarLinearOp&) { return "XbarLinear"; },
                        [](const DigitalLinearOp&) { return "DigitalLinear"; },
                        [](const PointwiseOp&) { return "Pointwise"; },
                        [](const ThresholdOp&) { return "Threshold"; },
                        [](const PoolOp&) { return "Pool"; },
                        [](const PadOp&) { return "Pad"; },
                        [](const TransposeOp&) { return "Transpose"; },
                        [](const ReshapeOp&) { return "Reshape"; },
                        [](const BinaryOp&) { return "Binary"; },
                        [](const SoftmaxOp&) { return "Softmax"; },
                    },
                    op);
}

const std::string& OpName(const Op& op) {
  return std::visit([](const auto& o) -> const std::string& { return o.name; }, op);
}

const char* ValueSetName(ValueSet v) {
  switch (v) {
    case ValueSet::kReal: return "real";
    case ValueSet::kInteger: return "int";
    case ValueSet::kTernary: return "ternary";
    case ValueSet::kBinary: return "binary";
  }
  return "?";
}

const char* LayoutName(Layout l) { return l == Layout::kNHWC ? "NHWC" : "NCHW"; }

}  // namespace cim
