#pragma once
// Private to lower_to_program: the state of the lowering — which tensor holds
// which graph value, the ranges of all values, and which PointwiseOp a
// single-use elementwise chain can still be appended to.

#include <map>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/passes/value_range.h"
#include "cim/tile/program.h"

namespace cim::passes {

class ProgramBuilder {
 public:
  ProgramBuilder(const Graph& g, Program& p);

  const Graph& graph() const { return g_; }
  Program& program() { return p_; }

  /// The tensor holding `value`; Internal error if no op has produced it yet.
  Result<int> TensorOf(int value) const;
  /// A new tensor for `value` (per-image shape, value set from the analysis).
  int NewTensor(int value);
  /// A new tensor not tied to a value (intermediate of a two-op lowering).
  int NewScratchTensor(const std::string& name, Dims shape, ValueSet values);

  /// Appends `op` and returns its index.
  size_t Emit(Op op);

  /// Adds elementwise steps computing `out_value` from `in_value`: appended
  /// to the PointwiseOp that produced `in_value` when that value has no
  /// other use and the channel axes agree, else a new PointwiseOp.
  void EmitSteps(const std::string& name, int in_value, int out_value, int channel_axis,
                 std::vector<PointwiseStep> steps);

  /// What the analysis knows about `value`.
  const ValueRange& RangeOf(int value) const { return ranges_[static_cast<size_t>(value)]; }

 private:
  struct OpenChain {
    size_t op = 0;  // index of the PointwiseOp in p_.ops
    int axis = -1;  // its channel axis, -1 while every step is scalar
  };

  const Graph& g_;
  Program& p_;
  std::vector<ValueRange> ranges_;
  std::vector<int> tensor_of_;           // value id -> tensor, -1 if none
  std::map<int, OpenChain> chain_end_;  // value id -> the PointwiseOp writing it
};

}  // namespace cim::passes
