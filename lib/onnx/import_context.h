#pragma once
// Private: state shared by the importer's steps while one graph is read, and
// the signature of the per-op normalisers in the op table.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

class ImportContext {
 public:
  ImportContext(Graph& g, std::string file, int64_t opset) : g(g), file(std::move(file)), opset(opset) {}

  Graph& g;
  const std::string file;
  const int64_t opset;
  std::map<std::string, int> value_of;  // ONNX value name -> value id
  std::set<std::string> consumed;       // names read by some node or graph output

  /// The node being imported, for messages.
  std::string node_name, op_type, domain;

  /// `model.onnx: node "conv1" (Conv, opset 13)`.
  std::string Where() const;
  /// A status with Where() in front.
  Status Error(StatusCode code, const std::string& message) const;

  /// The constant at input i of n, or Unsupported "input i (what) must be a
  /// constant" when it is computed. nullptr when the input is omitted.
  Result<const Tensor*> ConstInput(const Node& n, int i, const std::string& what) const;
  /// ConstInput as a list of integers; the tensor must be int64.
  Result<std::vector<int64_t>> ConstInts(const Node& n, int i, const std::string& what) const;
  /// ConstInput as one number (a scalar or one-element tensor).
  Result<double> ConstScalar(const Node& n, int i, const std::string& what) const;

  /// Adds `n` with one new value per output name, infers shapes and folds it
  /// when all inputs are constant. Returns the output value ids. Names are
  /// registered in value_of unless `internal` (helper nodes of a rewrite).
  Result<std::vector<int>> Emit(Node n, const std::vector<std::string>& output_names, bool internal = false);
  /// Makes ONNX name `name` refer to existing value `id` (Identity, Dropout).
  void Alias(const std::string& name, int id) { value_of[name] = id; }
  /// Adds a constant helper value (folded parameters).
  int AddConstant(const std::string& name, Tensor t) { return g.AddConstant(name, std::move(t)); }
};

/// Normalises node `n` (inputs resolved, attributes converted and type
/// checked) to its canonical form and emits it through ctx.Emit.
using OpHandler = Status (*)(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);

}  // namespace cim
