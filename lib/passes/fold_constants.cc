// Pass fold_constants (see include/cim/passes/fold_constants.h).

#include "cim/passes/fold_constants.h"

#include "cim/graph/constant_eval.h"

namespace cim {

Status FoldConstants(Graph& g) {
  bool changed = false;
  // Nodes are in topological order, so a chain of foldable nodes folds in
  // one sweep: each fold makes the next node's input a constant.
  for (int i = 0; i < static_cast<int>(g.nodes.size()); ++i) {
    if (!IsFoldable(g, i)) continue;
    CIM_ASSIGN_OR_RETURN(std::vector<Tensor> outs, EvaluateNode(g, i));
    const std::vector<int> old_values = g.nodes[i].outputs;
    for (size_t k = 0; k < old_values.size() && k < outs.size(); ++k) {
      const int folded = g.AddConstant(g.values[old_values[k]].name, std::move(outs[k]));
      g.ReplaceAllUses(old_values[k], folded);
    }
    changed = true;
  }
  if (changed) g.RemoveDeadNodes();
  return Status::Ok();
}

}  // namespace cim
