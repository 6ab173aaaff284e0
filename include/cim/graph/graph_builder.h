#pragma once
// GraphBuilder: builds graph IR by hand with shapes inferred as nodes are
// added, for tests and for passes that create nodes. Ops take their canonical
// (importer) form: parameters as attributes, e.g.
//
//   GraphBuilder b("test.onnx", 13);
//   int x = b.AddInput("x", {1, 1, 28, 28});
//   int w = b.AddConst("w", {8, 1, 3, 3}, std::vector<double>(72, 1.0));
//   int y = b.AddOp("Conv", {x, w}, {{"pads", std::vector<int64_t>{1, 1, 1, 1}}});
//   b.MarkOutput(y);
//   Graph g = std::move(b).Finish();

#include <map>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/support/status.h"

namespace cim {

using AttrMap = std::map<std::string, AttrValue>;

class GraphBuilder {
 public:
  explicit GraphBuilder(std::string source = "<builder>", int64_t opset = 13);

  /// Adds a non-constant graph input.
  int AddInput(std::string name, Shape shape, DType dtype = DType::kFloat);
  /// Adds a constant; `values` must have NumElements(shape) entries.
  int AddConst(std::string name, Shape shape, std::vector<double> values, DType dtype = DType::kFloat);
  int AddConst(std::string name, Tensor t);

  /// Appends a node with one output whose dtype and shape are inferred
  /// (InferShapes). The node is named `name`, or "<op>_<index>" when empty;
  /// its output value is named after the node.
  Result<int> TryAddOp(std::string op, std::vector<int> inputs, AttrMap attrs = {},
                       std::string name = "");
  /// Like TryAddOp with `num_outputs` outputs (Split, Dropout, MaxPool).
  Result<std::vector<int>> TryAddMultiOp(std::string op, std::vector<int> inputs, int num_outputs,
                                         AttrMap attrs = {}, std::string name = "");
  /// TryAddOp for graphs the caller knows to be valid (tests): a shape error
  /// is a bug in the caller and aborts with the message.
  int AddOp(std::string op, std::vector<int> inputs, AttrMap attrs = {}, std::string name = "");

  void MarkOutput(int value_id);
  Graph& graph() { return graph_; }
  /// The built graph; the builder is left empty.
  Graph Finish() &&;

 private:
  Graph graph_;
};

}  // namespace cim
