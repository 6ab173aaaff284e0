#pragma once
// The graph IR: a small typed dataflow graph with static shapes, produced by
// the ONNX importer (lib/onnx) and rewritten by the passes (lib/passes) until
// every node is one the tile lowering understands.
//
// Values are numbered; nodes refer to values by index. A value is produced by
// at most one node, or is a graph input, or holds a constant. Nodes are kept in
// a topological order by the importer and by every pass (Graph::Verify checks).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cim/support/status.h"

namespace cim {

enum class DType { kFloat, kInt64, kBool };
const char* DTypeName(DType t);

/// A dimension is >= 0, or kUnknownDim for a symbolic one (only the batch
/// dimension of the graph input may stay symbolic after import; it is set to 1).
inline constexpr int64_t kUnknownDim = -1;
using Shape = std::vector<int64_t>;

/// Number of elements of a fully known shape (1 for a scalar).
int64_t NumElements(const Shape& shape);
/// "[1,28,28,1]".
std::string ShapeToString(const Shape& shape);

/// A constant tensor. Values are stored as doubles whatever the dtype: float32
/// converts exactly, int64 values the importer accepts are below 2^53.
struct Tensor {
  DType dtype = DType::kFloat;
  Shape shape;
  std::vector<double> values;  // row-major, NumElements(shape) entries
};

using AttrValue = std::variant<int64_t, double, std::string, std::vector<int64_t>,
                               std::vector<double>, Tensor>;

struct Value {
  std::string name;
  DType dtype = DType::kFloat;
  Shape shape;                    // empty = scalar
  std::optional<Tensor> constant;  // set for initializers and folded values
  int producer = -1;               // index of the producing node, -1 if none
};

struct Node {
  std::string name;     // ONNX node name (or a generated one), used in messages
  std::string op_type;  // ONNX op type, or a "cim." op created by a pass
  std::string domain;   // "" for the default ONNX domain
  std::vector<int> inputs;   // value ids; -1 marks an omitted optional input
  std::vector<int> outputs;  // value ids
  std::map<std::string, AttrValue> attrs;

  bool HasAttr(const std::string& key) const { return attrs.count(key) != 0; }
  /// Typed attribute access with a default when absent.
  int64_t GetInt(const std::string& key, int64_t dflt) const;
  double GetFloat(const std::string& key, double dflt) const;
  std::string GetString(const std::string& key, const std::string& dflt) const;
  std::vector<int64_t> GetInts(const std::string& key, std::vector<int64_t> dflt = {}) const;
};

struct Graph {
  std::string source;  // file name (or "<string>") for messages
  int64_t opset = 0;   // default-domain opset the model imports
  std::vector<Value> values;
  std::vector<Node> nodes;  // topological order
  std::vector<int> inputs;   // non-constant graph inputs
  std::vector<int> outputs;

  int AddValue(Value v);
  /// Adds a constant value and returns its id.
  int AddConstant(std::string name, Tensor t);
  /// Appends a node, sets the producer of its outputs, returns its index.
  int AddNode(Node n);

  bool IsConstant(int value_id) const;
  const Tensor& ConstantOf(int value_id) const;  // precondition: IsConstant
  /// Nodes that read `value_id` (indices into `nodes`).
  std::vector<int> Consumers(int value_id) const;
  /// Replaces every use of `from` (node inputs and graph outputs) by `to`.
  void ReplaceAllUses(int from, int to);
  /// Drops nodes whose outputs are unused and values nobody refers to, and
  /// renumbers everything. Keeps topological order.
  void RemoveDeadNodes();

  /// "model.onnx: node "conv1" (Conv, opset 13)": the prefix every message about
  /// a node uses. The opset is shown for default-domain ONNX ops only (not for
  /// "cim." ops or other domains).
  std::string Where(int node_index) const;

  /// Checks the structural invariants (ids in range, single producer,
  /// topological order, known shapes). A failure is an Internal error: a pass bug.
  Status Verify() const;
};

/// Stable, human-readable text of the graph (golden tests, --print-after).
std::string PrintGraph(const Graph& g);

}  // namespace cim
