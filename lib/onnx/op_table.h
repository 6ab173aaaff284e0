#pragma once
// Private: the importer's op table. One row per ONNX op type: the attribute
// types it declares and the handler that normalises it to the canonical form
// described in include/cim/onnx/import.h. Shapes come from the shared rules in
// lib/graph (InferShapes), called by ImportContext::Emit.

#include <string_view>

#include "import_context.h"

namespace cim {

struct OnnxOpRow {
  std::string_view op;
  const char* attr_spec;  // "name:type ...", types int|float|string|ints|floats|tensor
  OpHandler handler;
  bool qonnx = false;  // lives in a QONNX domain instead of the default one
};

/// The row for `op`, or nullptr.
const OnnxOpRow* FindOnnxOp(std::string_view op);

// op_handlers_basic.cc
Status EmitAsIs(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleIdentity(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleDropout(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleConstant(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleCast(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleClip(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleSoftmax(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleBipolarQuant(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
/// Unsupported when any output after the first is read by the graph.
Status OnlyFirstOutputUsed(const ImportContext& ctx, const std::vector<std::string>& outputs);

// op_handlers_shape.cc
Status HandleReshape(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleFlatten(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleTranspose(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleSqueeze(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleUnsqueeze(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleAxisOp(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandlePad(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleSlice(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleSplit(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleReduce(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);

// op_handlers_nn.cc
Status HandleConv(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandlePool(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleGemm(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);
Status HandleBatchNorm(ImportContext& ctx, Node& n, const std::vector<std::string>& outputs);

}  // namespace cim
