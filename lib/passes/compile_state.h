#pragma once
// Private: what the passes of the pipeline read and write, and the pass table.

#include <vector>

#include "cim/passes/pipeline.h"

namespace cim::passes {

struct CompileState {
  explicit CompileState(const CompileOptions& o) : options(o) {}
  const CompileOptions& options;
  Graph graph;
  Layout input_layout = Layout::kNHWC;  // set by eliminate_transposes
  Program program;                      // filled by lower_to_program
  bool lowered = false;                 // program (not graph) is the current IR
};

struct PassRow {
  const char* name;
  Status (*run)(CompileState&);
  const char* description;
};

/// The passes in pipeline order.
const std::vector<PassRow>& PassTable();

}  // namespace cim::passes
