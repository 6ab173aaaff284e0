// ImportOnnxFile / ImportOnnxBytes: file reading, protobuf parsing and the
// model-level checks (opset); the graph itself is read by ReadGraph.

#include "cim/onnx/import.h"

#include <onnx/onnx_pb.h>

#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph_reader.h"

namespace cim {
namespace {

constexpr int64_t kMinOpset = 9;
constexpr int64_t kMaxOpset = 19;

}  // namespace

Result<Graph> ImportOnnxBytes(std::string_view bytes, const std::string& name) {
  if (bytes.empty()) return Corruption(name + ": empty file (0 bytes), expected an ONNX model");
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    return Unsupported(name + ": " + std::to_string(bytes.size()) + " bytes; cimc reads models below 2 GiB");
  onnx::ModelProto model;
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return Corruption(name + ": not a valid ONNX model (protobuf parse failed; truncated or not ONNX?)");
  if (!model.has_graph()) return Corruption(name + ": ONNX model has no graph (truncated or not ONNX?)");
  int64_t opset = -1;
  for (const auto& import : model.opset_import())
    if (import.domain().empty() || import.domain() == "ai.onnx") opset = import.version();
  if (opset < 0) return InvalidArgument(name + ": model imports no default-domain opset");
  if (opset < kMinOpset || opset > kMaxOpset)
    return Unsupported(name + ": default-domain opset " + std::to_string(opset) + " not supported; cimc supports opsets " +
                       std::to_string(kMinOpset) + " to " + std::to_string(kMaxOpset) +
                       " (re-export with e.g. opset 13)");
  return ReadGraph(model.graph(), name, opset);
}

Result<Graph> ImportOnnxFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFound(path + ": no such file");
  if (!std::filesystem::is_regular_file(path, ec)) return IOError(path + ": not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return IOError(path + ": cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return IOError(path + ": read failed");
  return ImportOnnxBytes(buffer.str(), path);
}

}  // namespace cim
