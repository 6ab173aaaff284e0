// CompileGraph: runs the pass table, with verification after every pass and
// optional IR dumps and timings.

#include "cim/passes/pipeline.h"

#include <chrono>
#include <cstdio>
#include <ostream>

#include "cim/version.h"
#include "lib/passes/compile_state.h"

namespace cim {
namespace {

using passes::CompileState;
using passes::PassRow;

Status CheckOptions(const CompileOptions& o) {
  if ((o.time_passes || !o.print_after.empty()) && o.log == nullptr)
    return InvalidArgument("print_after/time_passes need a log stream");
  if (o.print_after.empty() || o.print_after == "all") return Status::Ok();
  std::string names;
  for (const PassRow& row : passes::PassTable()) {
    if (o.print_after == row.name) return Status::Ok();
    names += std::string(row.name) + ", ";
  }
  return InvalidArgument("print_after = \"" + o.print_after + "\": not a pass name (expected one of " + names +
                         "or all)");
}

// The graph after every graph pass; the program once it is complete (tiled).
Status VerifyAfter(const CompileState& s, const PassRow& row) {
  Status st = Status::Ok();
  if (!s.lowered) st = s.graph.Verify();
  else if (std::string(row.name) == "tile") st = VerifyProgram(s.program);
  if (st.ok()) return st;
  return Internal("after pass " + std::string(row.name) + ": " + st.message());
}

void PrintAfter(const CompileState& s, const PassRow& row, std::ostream& out) {
  out << "// ----- IR after " << row.name << " -----\n";
  out << (s.lowered ? PrintProgram(s.program) : PrintGraph(s.graph));
}

}  // namespace

std::vector<PassDescription> PassDescriptions() {
  std::vector<PassDescription> out;
  for (const PassRow& row : passes::PassTable()) out.push_back({row.name, row.description});
  return out;
}

std::string ListPasses() {
  std::string out;
  for (const PassRow& row : passes::PassTable()) {
    char name[32];
    std::snprintf(name, sizeof name, "%-22s", row.name);
    out += std::string(name) + "  " + row.description + "\n";
  }
  return out;
}

Result<Program> CompileGraph(Graph graph, const CompileOptions& options) {
  CIM_RETURN_IF_ERROR(CheckOptions(options));
  CompileState s(options);
  s.graph = std::move(graph);
  CIM_RETURN_IF_ERROR(s.graph.Verify());
  s.program.model_name = options.model_name;
  s.program.source_file = options.source_file.empty() ? s.graph.source : options.source_file;
  s.program.producer = options.producer.empty() ? std::string("cimc ") + kVersion : options.producer;
  s.program.dataset_hint = options.dataset_hint;
  s.program.input.scale = options.input_scale;
  s.program.input.offset = options.input_offset;
  s.program.geometry = options.geometry;
  double total_ms = 0.0;
  for (const PassRow& row : passes::PassTable()) {
    const auto start = std::chrono::steady_clock::now();
    CIM_RETURN_IF_ERROR(row.run(s));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    total_ms += ms;
    CIM_RETURN_IF_ERROR(VerifyAfter(s, row));
    if (options.time_passes) {
      char line[128];
      std::snprintf(line, sizeof line, "pass %-22s %9.3f ms\n", row.name, ms);
      *options.log << line;
    }
    if (options.print_after == "all" || options.print_after == row.name) PrintAfter(s, row, *options.log);
  }
  if (options.time_passes) {
    char line[128];
    std::snprintf(line, sizeof line, "pass %-22s %9.3f ms\n", "total", total_ms);
    *options.log << line;
  }
  return std::move(s.program);
}

}  // namespace cim
