#include "lib/passes/program_builder.h"

#include "lib/passes/graph_edit.h"

namespace cim::passes {

ProgramBuilder::ProgramBuilder(const Graph& g, Program& p)
    : g_(g), p_(p), ranges_(AnalyseValueRanges(g)), tensor_of_(g.values.size(), -1) {}

Result<int> ProgramBuilder::TensorOf(int value) const {
  if (value < 0 || value >= static_cast<int>(tensor_of_.size()) || tensor_of_[value] < 0) {
    return Internal(g_.source + ": value \"" + (value >= 0 && value < static_cast<int>(g_.values.size())
                                                    ? g_.values[value].name
                                                    : std::to_string(value)) +
                    "\" is read before any op writes it");
  }
  return tensor_of_[value];
}

int ProgramBuilder::NewTensor(int value) {
  TensorInfo t;
  t.name = g_.values[value].name;
  t.shape = PerImageShape(g_, value);
  t.values = ToValueSet(ranges_[static_cast<size_t>(value)]);
  p_.tensors.push_back(std::move(t));
  tensor_of_[value] = static_cast<int>(p_.tensors.size()) - 1;
  return tensor_of_[value];
}

int ProgramBuilder::NewScratchTensor(const std::string& name, Dims shape, ValueSet values) {
  p_.tensors.push_back(TensorInfo{name, std::move(shape), values});
  return static_cast<int>(p_.tensors.size()) - 1;
}

size_t ProgramBuilder::Emit(Op op) {
  p_.ops.push_back(std::move(op));
  return p_.ops.size() - 1;
}

void ProgramBuilder::EmitSteps(const std::string& name, int in_value, int out_value, int channel_axis,
                               std::vector<PointwiseStep> steps) {
  auto it = chain_end_.find(in_value);
  if (it != chain_end_.end() && g_.Consumers(in_value).size() == 1 && !IsGraphOutput(g_, in_value) &&
      (channel_axis < 0 || it->second.axis < 0 || it->second.axis == channel_axis)) {
    // Extend the chain: the tensor of in_value now holds out_value.
    OpenChain chain = it->second;
    chain_end_.erase(it);
    auto& op = std::get<PointwiseOp>(p_.ops[chain.op]);
    op.steps.insert(op.steps.end(), steps.begin(), steps.end());
    if (channel_axis >= 0) chain.axis = op.channel_axis = channel_axis;
    const int t = tensor_of_[in_value];
    tensor_of_[out_value] = t;
    p_.tensors[t].name = g_.values[out_value].name;
    p_.tensors[t].values = ToValueSet(ranges_[static_cast<size_t>(out_value)]);
    chain_end_[out_value] = chain;
    return;
  }
  PointwiseOp op;
  op.name = name;
  op.input = tensor_of_[in_value];
  op.output = NewTensor(out_value);
  op.channel_axis = std::max(channel_axis, 0);
  op.steps = std::move(steps);
  chain_end_[out_value] = OpenChain{Emit(std::move(op)), channel_axis};
}

}  // namespace cim::passes
