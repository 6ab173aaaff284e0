// Bad input of any kind: one line on stderr naming the file, node or key, and
// the documented exit code. Never a crash.

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/e2e_util.h"

namespace cim::testing {
namespace {

struct Case {
  std::string args;      // arguments after the binary
  int exit_code;         // README "Exit codes"
  std::string expected;  // the whole stderr line
};

void Write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

void Check(const std::string& binary, const Case& c) {
  INFO(binary << " " << c.args);
  CommandResult r = RunCommand(binary + " " + c.args);
  CHECK(r.exit_code == c.exit_code);
  CHECK(r.err == c.expected + "\n");
}

TEST_CASE("cimsim answers bad input with one line and an exit code") {
  const std::string d = ScratchDir("cimsim_errors");
  const std::string prog = Compile("mnist_bnn_mlp", d);
  const std::string ideal = Src("configs/ideal.json");
  Write(d + "/syntax.json", "{\"adc\": {\"bits\": 4,}}");
  Write(d + "/unknown.json", "{\"adc\": {\"bitz\": 4}}");
  Write(d + "/type.json", "{\"seed\": \"one\"}");
  Write(d + "/range.json", "{\"adc\": {\"bits\": 0}}");
  Write(d + "/mapping.json", "{\"mapping\": \"BNN_VII\"}");
  Write(d + "/geometry.json", "{\"geometry\": {\"rows\": 128, \"cols\": 128}}");
  Write(d + "/othermap.json", "{\"mapping\": \"BNN_III\"}");
  Write(d + "/adcfit.json", "{\"adc\": {\"type\": \"POS\"}}");
  Write(d + "/lrs.json", "{\"device\": {\"hrs_ua\": 30, \"lrs_ua\": 5}}");
  Write(d + "/nocal.json", "{\"adc\": {\"range\": \"calibrated\"}}");
  Write(d + "/empty.cim", "");
  Write(d + "/garbage.cim", std::string(100, 'x'));
  const std::string bytes = ReadFile(prog);
  Write(d + "/cut.cim", bytes.substr(0, bytes.size() / 2));
  std::string flipped = bytes;
  flipped[flipped.size() - 10] ^= 0x10;
  Write(d + "/flipped.cim", flipped);
  std::filesystem::create_directories(d + "/corrupt");
  Write(d + "/corrupt/t10k-images-idx3-ubyte", std::string("\0\0\x08\x01", 4) + std::string(20, '\0'));
  Write(d + "/corrupt/t10k-labels-idx1-ubyte", std::string("\0\0\x08\x01\0\0\0\x01\x07", 9));

  const std::vector<Case> cases = {
      {prog + " --xbar " + d + "/syntax.json", 3, "cimsim: " + d + "/syntax.json:1:20: invalid JSON: syntax error while parsing object key - unexpected '}'; expected string literal"},
      {prog + " --xbar " + d + "/unknown.json", 3, "cimsim: " + d + "/unknown.json: /adc/bitz: unknown key (valid: type, bits, range, calibration)"},
      {prog + " --xbar " + d + "/type.json", 3, "cimsim: " + d + "/type.json: /seed = \"one\": expected a non-negative integer"},
      {prog + " --xbar " + d + "/range.json", 3, "cimsim: " + d + "/range.json: /adc/bits = 0: must be in [1, 16]"},
      {prog + " --xbar " + d + "/mapping.json", 3, "cimsim: " + d + "/mapping.json: /mapping = \"BNN_VII\": must be one of: BNN_I, BNN_II, BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, TNN_II, TNN_III, TNN_IV, TNN_V"},
      {prog + " --xbar " + d + "/geometry.json", 3, "cimsim: " + d + "/geometry.json: /geometry = 128x128: " + prog + " was compiled for 256x256 crossbars; recompile with: cimc mnist_bnn_mlp.onnx --xbar " + d + "/geometry.json -o " + prog},
      {prog + " --xbar " + d + "/othermap.json", 3, "cimsim: " + d + "/othermap.json: /mapping = BNN_III: " + prog + " was compiled for BNN_I; recompile with: cimc mnist_bnn_mlp.onnx --xbar " + d + "/othermap.json -o " + prog},
      {prog + " --xbar " + d + "/adcfit.json", 3, "cimsim: " + d + "/adcfit.json: /adc/type = \"POS\": does not fit mapping BNN_I (it needs SYM or INF)"},
      {prog + " --xbar " + d + "/lrs.json", 3, "cimsim: " + d + "/lrs.json: /device: lrs_ua = 5 must be greater than hrs_ua = 30"},
      {prog + " --xbar " + d + "/nocal.json", 3, "cimsim: " + d + "/nocal.json: /adc/range = \"calibrated\": needs /adc/calibration (a file written by cimsim --calibrate)"},
      {prog + " --xbar " + d + "/missing.json", 3, "cimsim: " + d + "/missing.json: cannot open (No such file or directory)"},
      {prog + " --xbar " + ideal + " --set adc.bitz=4", 3, "cimsim: --set adc.bitz=4: /adc/bitz: unknown key (valid: type, bits, range, calibration)"},
      {prog + " --xbar " + ideal + " --set adc.bits=99", 3, "cimsim: --set adc.bits=99: /adc/bits = 99: must be in [1, 16]"},
      {prog + " --xbar " + ideal + " --set seed", 3, "cimsim: --set seed: expected key=value with a dotted key, e.g. adc.bits=4"},
      {prog + " --dataset nosuchset", 3, ""},  // message checked below
      {prog + " --dataset " + d + "/corrupt", 3, "cimsim: " + d + "/corrupt/t10k-images-idx3-ubyte: magic 0x00000801: expected 0x00000803 (IDX images)"},
      {prog + " --split validation", 3, "cimsim: --split: split \"validation\": expected one of test, train"},
      {d + "/missing.cim", 3, "cimsim: " + d + "/missing.cim: no such file"},
      {d + "/empty.cim", 3, "cimsim: " + d + "/empty.cim: truncated header: 0 of 32 bytes"},
      {d + "/garbage.cim", 3, ""},
      {d + "/cut.cim", 3, ""},
      {d + "/flipped.cim", 3, ""},
      {prog + " --threads -1", 2, ""},
      {"", 2, "cimsim: program is required (see cimsim --help)"},
  };
  for (const Case& c : cases) {
    if (!c.expected.empty()) {
      Check(CIMSIM_PATH, c);
      continue;
    }
    INFO("cimsim " << c.args);
    CommandResult r = RunCommand(std::string(CIMSIM_PATH) + " " + c.args);
    CHECK(r.exit_code == c.exit_code);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.rfind("cimsim: ", 0) == 0);
  }
}

TEST_CASE("cimc answers bad input with one line and an exit code") {
  const std::string d = ScratchDir("cimc_errors");
  Write(d + "/garbage.onnx", "not a model");
  Write(d + "/empty.onnx", "");
  const std::string model = ModelPath("mnist_bnn_mlp");
  const std::vector<Case> cases = {
      {d + "/missing.onnx -o " + d + "/x.cim", 3, "cimc: " + d + "/missing.onnx: no such file"},
      {model + " -o " + d + "/x.cim --mapping BNN_VII", 3, "cimc: --mapping: unknown mapping \"BNN_VII\" (valid: BNN_I, BNN_II, BNN_III, BNN_IV, BNN_V, BNN_VI, TNN_I, TNN_II, TNN_III, TNN_IV, TNN_V)"},
      {model + " -o " + d + "/x.cim --rows 1", 3, "cimc: --rows/--cols 1x256: must be in [2, 65536]"},
      {ModelPath("mnist_tnn") + " -o " + d + "/x.cim --mapping BNN_I", 3, ""},
      {model, 2, "cimc: nothing to do: give -o prog.cim, --emit=ir or --summary"},
      {"", 2, "cimc: no model given (usage: cimc model.onnx -o prog.cim; see cimc --help)"},
      {d + "/garbage.onnx -o " + d + "/x.cim", 3, ""},
      {d + "/empty.onnx -o " + d + "/x.cim", 3, ""},
      {model + " --emit=graphviz", 2, ""},
  };
  for (const Case& c : cases) {
    if (!c.expected.empty()) {
      Check(CIMC_PATH, c);
      continue;
    }
    INFO("cimc " << c.args);
    CommandResult r = RunCommand(std::string(CIMC_PATH) + " " + c.args);
    CHECK(r.exit_code == c.exit_code);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.rfind("cimc: ", 0) == 0);
  }
}

}  // namespace
}  // namespace cim::testing
