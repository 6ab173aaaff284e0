// cimc: compiles a Larq-exported ONNX model into a crossbar program file.
//   cimc model.onnx -o prog.cim [--xbar cfg.json | --rows R --cols C --mapping M]
// Flags -> library -> one-line message + exit code (README.md "Exit codes").

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "cim/onnx/import.h"
#include "cim/passes/pipeline.h"
#include "cim/program/program_file.h"
#include "cim/sim/xbar_config_json.h"
#include "cim/support/exit_codes.h"
#include "cim/tile/summary.h"
#include "cim/version.h"
#include "common/parse_flags.h"
#include "sidecar.h"

namespace {

struct Flags {
  std::string model;
  std::string output;
  std::string xbar;
  std::optional<int64_t> rows, cols;
  std::string mapping;
  std::optional<double> input_scale, input_offset;
  std::string emit;
  bool summary = false;
  std::string print_after;
  bool time_passes = false;
  bool list_passes = false;
};

int Fail(const cim::Status& s) {
  std::cerr << "cimc: " << s.message() << "\n";
  return cim::ExitCodeFor(s);
}

// Geometry and mapping: defaults, then --xbar, then the explicit flags.
cim::Status ResolveTarget(const Flags& f, cim::CompileOptions& opt) {
  if (!f.xbar.empty()) {
    CIM_ASSIGN_OR_RETURN(cim::XbarConfig cfg, cim::LoadXbarConfig(f.xbar));
    opt.geometry = cfg.geometry;
    if (cfg.mapping_given) opt.mapping = cfg.mapping;
  }
  if (f.rows) opt.geometry.rows = *f.rows;
  if (f.cols) opt.geometry.cols = *f.cols;
  if (opt.geometry.rows < 2 || opt.geometry.cols < 2 || opt.geometry.rows > 65536 ||
      opt.geometry.cols > 65536) {
    return cim::InvalidArgument("--rows/--cols " + std::to_string(opt.geometry.rows) + "x" +
                                std::to_string(opt.geometry.cols) + ": must be in [2, 65536]");
  }
  if (!f.mapping.empty()) {
    auto m = cim::ParseMapping(f.mapping);
    if (!m.ok()) return m.status().WithPrefix("--mapping");
    opt.mapping = *m;
  }
  return cim::Status::Ok();
}

int Compile(const Flags& f) {
  cim::CompileOptions opt;
  if (cim::Status s = ResolveTarget(f, opt); !s.ok()) return Fail(s);
  auto sidecar = cim::ReadSidecarFor(f.model);
  if (!sidecar.ok()) return Fail(sidecar.status());
  opt.input_scale = f.input_scale.value_or(sidecar->input_scale.value_or(1.0 / 255.0));
  opt.input_offset = f.input_offset.value_or(sidecar->input_offset.value_or(0.0));
  opt.dataset_hint = sidecar->dataset;
  opt.model_name = std::filesystem::path(f.model).stem().string();
  opt.source_file = std::filesystem::path(f.model).filename().string();
  opt.producer = std::string("cimc ") + cim::kVersion;
  opt.print_after = f.print_after;
  opt.time_passes = f.time_passes;
  opt.log = &std::cerr;

  auto graph = cim::ImportOnnxFile(f.model);
  if (!graph.ok()) return Fail(graph.status());
  auto program = cim::CompileGraph(std::move(graph).value(), opt);
  if (!program.ok()) return Fail(program.status().WithPrefix(f.model));

  if (f.emit == "ir") std::cout << cim::PrintProgram(*program);
  if (f.summary) std::cout << cim::PrintProgramSummary(*program);
  if (!f.output.empty()) {
    if (cim::Status s = cim::WriteProgramFile(*program, f.output); !s.ok()) return Fail(s);
  }
  return cim::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cimc: compile a Larq BNN/TNN (ONNX) into a crossbar program (.cim)"};
  Flags f;
  app.add_option("model", f.model, "ONNX model exported from Larq (or PyTorch/QONNX)");
  app.add_option("-o,--output", f.output, "program file to write");
  app.add_option("--xbar", f.xbar, "crossbar config (JSON, as cimsim reads it): geometry and mapping");
  app.add_option("--rows", f.rows, "crossbar rows (default 256)");
  app.add_option("--cols", f.cols, "crossbar columns (default 256)");
  app.add_option("--mapping", f.mapping,
                 "BNN_I..BNN_VI, TNN_I..TNN_V (default BNN_I for binary, TNN_I for ternary models)");
  app.add_option("--input-scale", f.input_scale, "raw pixel scale (default: sidecar, else 1/255)");
  app.add_option("--input-offset", f.input_offset, "raw pixel offset (default: sidecar, else 0)");
  app.add_option("--emit", f.emit, "print an IR to stdout: ir (the tile IR)")
      ->check(CLI::IsMember({"ir"}));
  app.add_flag("--summary", f.summary, "print a per-layer table (tiles, utilisation, MVMs/image)");
  app.add_option("--print-after", f.print_after, "print the graph after PASS (or 'all') to stderr");
  app.add_flag("--time-passes", f.time_passes, "print the time of every pass to stderr");
  app.add_flag("--list-passes", f.list_passes, "list the compiler passes and exit");
  app.set_version_flag("--version", std::string("cimc ") + cim::kVersion);
  if (auto code = cim::ParseFlags(app, argc, argv, "cimc")) return *code;
  if (f.list_passes) {
    std::cout << cim::ListPasses();
    return cim::kExitOk;
  }
  if (f.model.empty()) {
    std::cerr << "cimc: no model given (usage: cimc model.onnx -o prog.cim; see cimc --help)\n";
    return cim::kExitUsage;
  }
  if (f.output.empty() && f.emit.empty() && !f.summary) {
    std::cerr << "cimc: nothing to do: give -o prog.cim, --emit=ir or --summary\n";
    return cim::kExitUsage;
  }
  return Compile(f);
}
