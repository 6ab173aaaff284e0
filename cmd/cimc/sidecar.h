#pragma once
// The sidecar `NAME.json` beside a model `NAME.onnx`: preprocessing defaults
// (input_scale, input_offset) and the dataset the model was trained for.

#include <optional>
#include <string>

#include "cim/support/status.h"

namespace cim {

struct Sidecar {
  std::string path;  // empty when there is none
  std::optional<double> input_scale;
  std::optional<double> input_offset;
  std::string dataset;
};

/// Reads `<model without .onnx>.json` if it exists; a missing sidecar is not
/// an error, a malformed one is (InvalidArgument naming the file and key).
Result<Sidecar> ReadSidecarFor(const std::string& model_path);

}  // namespace cim
