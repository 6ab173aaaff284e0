#pragma once
// The compiler pipeline: graph IR (from lib/onnx) → passes → tile-IR Program.
// The passes and their order are listed once, in lib/passes/pass_table.cc;
// that table also drives print_after / time_passes and `cimc --list-passes`.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/tile/mapping.h"
#include "cim/tile/program.h"

namespace cim {

struct CompileOptions {
  CrossbarGeometry geometry;       // crossbar rows x columns
  std::optional<Mapping> mapping;  // unset: BNN_I, or TNN_I when any crossbar layer is ternary
  double input_scale = 1.0 / 255.0;  // tensor 0 = raw pixel * scale + offset
  double input_offset = 0.0;
  std::string model_name;    // Program::model_name
  std::string source_file;   // Program::source_file; empty: the graph's source
  std::string producer;      // Program::producer; empty: "cimc <version>"
  std::string dataset_hint;  // Program::dataset_hint (from the model's sidecar), may be empty
  /// Pass name or "all": print the graph (or, after lowering, the tile IR)
  /// after that pass to `log`. Empty: print nothing.
  std::string print_after;
  /// Write one line per pass with its wall time to `log`.
  bool time_passes = false;
  std::ostream* log = nullptr;  // required when print_after or time_passes is set
};

/// Name and one-line description of a pass.
struct PassDescription {
  std::string name;
  std::string description;
};
/// The passes in pipeline order.
std::vector<PassDescription> PassDescriptions();
/// `cimc --list-passes`: one "name  description" line per pass, in order.
std::string ListPasses();

/// Runs every pass on `graph` and returns the verified, tiled program.
/// Errors: InvalidArgument for a bad option (unknown print_after name, no
/// log stream); Unsupported naming the node a model cannot be compiled
/// for; InvalidArgument from tiling (e.g. BNN mapping for a ternary layer);
/// Internal when a pass breaks the graph or program invariants.
Result<Program> CompileGraph(Graph graph, const CompileOptions& options);

}  // namespace cim
