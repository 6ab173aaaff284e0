// The importer's op table: op type -> {attribute types, normaliser}.

#include "op_table.h"

#include <algorithm>
#include <string>

#include "cim/onnx/import.h"

namespace cim {
namespace {

constexpr const char* kWindowAttrs =
    "kernel_shape:ints pads:ints strides:ints dilations:ints auto_pad:string ceil_mode:int "
    "count_include_pad:int storage_order:int group:int";
constexpr const char* kReduceAttrs = "axes:ints keepdims:int noop_with_empty_axes:int";

const OnnxOpRow kOnnxOps[] = {
    {"Abs", "", EmitAsIs},
    {"Add", "", EmitAsIs},
    {"And", "", EmitAsIs},
    {"AveragePool", kWindowAttrs, HandlePool},
    {"BatchNormalization", "epsilon:float momentum:float training_mode:int", HandleBatchNorm},
    {"BipolarQuant", "", HandleBipolarQuant, true},
    {"Cast", "to:int", HandleCast},
    {"Clip", "min:float max:float", HandleClip},
    {"Concat", "axis:int", HandleAxisOp},
    {"Constant", "value:tensor value_float:float value_floats:floats value_int:int value_ints:ints",
     HandleConstant},
    {"Conv", kWindowAttrs, HandleConv},
    {"Div", "", EmitAsIs},
    {"Dropout", "ratio:float", HandleDropout},
    {"Equal", "", EmitAsIs},
    {"Flatten", "axis:int", HandleFlatten},
    {"Gather", "axis:int", HandleAxisOp},
    {"Gemm", "alpha:float beta:float transA:int transB:int", HandleGemm},
    {"GlobalAveragePool", "", EmitAsIs},
    {"GlobalMaxPool", "", EmitAsIs},
    {"Greater", "", EmitAsIs},
    {"GreaterOrEqual", "", EmitAsIs},
    {"Identity", "", HandleIdentity},
    {"Less", "", EmitAsIs},
    {"LessOrEqual", "", EmitAsIs},
    {"LogSoftmax", "axis:int", HandleSoftmax},
    {"MatMul", "", EmitAsIs},
    {"Max", "", EmitAsIs},
    {"MaxPool", kWindowAttrs, HandlePool},
    {"Min", "", EmitAsIs},
    {"Mul", "", EmitAsIs},
    {"Neg", "", EmitAsIs},
    {"Not", "", EmitAsIs},
    {"Or", "", EmitAsIs},
    {"Pad", "mode:string pads:ints value:float", HandlePad},
    {"ReduceMax", kReduceAttrs, HandleReduce},
    {"ReduceMean", kReduceAttrs, HandleReduce},
    {"ReduceSum", kReduceAttrs, HandleReduce},
    {"Relu", "", EmitAsIs},
    {"Reshape", "allowzero:int", HandleReshape},
    {"Round", "", EmitAsIs},
    {"Shape", "start:int end:int", EmitAsIs},
    {"Sign", "", EmitAsIs},
    {"Slice", "starts:ints ends:ints axes:ints steps:ints", HandleSlice},
    {"Softmax", "axis:int", HandleSoftmax},
    {"Split", "axis:int split:ints num_outputs:int", HandleSplit},
    {"Squeeze", "axes:ints", HandleSqueeze},
    {"Sub", "", EmitAsIs},
    {"Transpose", "perm:ints", HandleTranspose},
    {"Unsqueeze", "axes:ints", HandleUnsqueeze},
    {"Where", "", EmitAsIs},
};

}  // namespace

const OnnxOpRow* FindOnnxOp(std::string_view op) {
  for (const auto& row : kOnnxOps)
    if (row.op == op) return &row;
  return nullptr;
}

std::vector<std::string> SupportedOnnxOps() {
  std::vector<std::string> ops;
  for (const auto& row : kOnnxOps)
    if (!row.qonnx) ops.emplace_back(row.op);
  std::sort(ops.begin(), ops.end());
  return ops;
}

}  // namespace cim
