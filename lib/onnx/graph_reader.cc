// ReadGraph: initializers and the graph input become values, nodes go through
// the op table in topological order, then dead values are dropped and the
// result verified.

#include "graph_reader.h"

#include <set>

#include "attributes.h"
#include "cim/onnx/import.h"
#include "graph_order.h"
#include "import_context.h"
#include "op_table.h"
#include "tensor_proto.h"

namespace cim {
namespace {

const std::set<std::string> kQonnxDomains = {"qonnx.custom_op.general", "onnx.brevitas", "finn.custom_op.general"};

std::string Join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& item : items) s += (s.empty() ? "" : ", ") + item;
  return s;
}

Status ReadInitializers(const onnx::GraphProto& gp, ImportContext& ctx) {
  for (const onnx::TensorProto& t : gp.initializer()) {
    const std::string where = ctx.file + ": initializer \"" + t.name() + "\"";
    if (t.name().empty()) return InvalidArgument(ctx.file + ": an initializer has no name");
    if (ctx.value_of.count(t.name()) && ctx.g.IsConstant(ctx.value_of[t.name()]))
      return InvalidArgument(where + " is defined twice");
    Result<Tensor> tensor = TensorFromProto(t);
    if (!tensor.ok()) return tensor.status().WithPrefix(where);
    ctx.value_of[t.name()] = ctx.g.AddConstant(t.name(), std::move(*tensor));
  }
  return Status::Ok();
}

Result<Value> InputValue(const onnx::ValueInfoProto& in, const std::string& file) {
  const std::string where = file + ": input \"" + in.name() + "\"";
  if (!in.type().has_tensor_type()) return Unsupported(where + " is not a tensor");
  const auto& tt = in.type().tensor_type();
  Value v;
  v.name = in.name();
  Result<DType> dtype = IrTypeOf(tt.elem_type());
  if (!dtype.ok()) return dtype.status().WithPrefix(where);
  v.dtype = *dtype;
  if (!tt.has_shape()) return Unsupported(where + " has no shape; cimc needs a static input shape");
  for (int d = 0; d < tt.shape().dim_size(); ++d) {
    const auto& dim = tt.shape().dim(d);
    if (dim.has_dim_value()) {
      v.shape.push_back(dim.dim_value());
    } else if (d == 0) {
      v.shape.push_back(1);  // symbolic batch dimension: one sample at a time
    } else {
      return Unsupported(where + " dim " + std::to_string(d) + " is symbolic (\"" + dim.dim_param() +
                         "\"); cimc needs static shapes except the batch dim (dim 0)");
    }
  }
  Status dims = CheckDims(v.shape);
  if (!dims.ok()) return dims.WithPrefix(where);
  return v;
}

// Inputs first, so the graph input is value %0 in printed graphs.
Status ReadInputs(const onnx::GraphProto& gp, ImportContext& ctx) {
  std::set<std::string> initializer_names;
  for (const onnx::TensorProto& t : gp.initializer()) initializer_names.insert(t.name());
  std::vector<std::string> names;
  for (const onnx::ValueInfoProto& in : gp.input()) {
    if (initializer_names.count(in.name())) continue;  // IR < 4 lists initializers as inputs too
    if (ctx.value_of.count(in.name()))
      return InvalidArgument(ctx.file + ": input \"" + in.name() + "\" is declared twice");
    CIM_ASSIGN_OR_RETURN(Value v, InputValue(in, ctx.file));
    int id = ctx.g.AddValue(std::move(v));
    ctx.value_of[in.name()] = id;
    ctx.g.inputs.push_back(id);
    names.push_back("\"" + in.name() + "\"");
  }
  if (names.empty()) return InvalidArgument(ctx.file + ": graph has no non-constant input");
  if (names.size() > 1)
    return Unsupported(ctx.file + ": " + std::to_string(names.size()) + " non-constant graph inputs (" + Join(names) +
                       "); cimc supports one (weights must be initializers)");
  return Status::Ok();
}

Status ImportNode(const onnx::NodeProto& proto, const std::string& name, ImportContext& ctx) {
  ctx.node_name = name;
  ctx.op_type = proto.op_type();
  ctx.domain = proto.domain() == "ai.onnx" ? "" : proto.domain();
  const OnnxOpRow* row = FindOnnxOp(proto.op_type());
  const bool qonnx_domain = kQonnxDomains.count(ctx.domain) != 0;
  if (!ctx.domain.empty() && !(qonnx_domain && row != nullptr && row->qonnx))
    return ctx.Error(StatusCode::kUnsupported,
                     qonnx_domain ? "unsupported QONNX op; cimc supports only BipolarQuant from QONNX"
                                  : "unsupported domain \"" + ctx.domain +
                                        "\"; cimc supports the default ONNX domain and BipolarQuant from "
                                        "qonnx.custom_op.general, onnx.brevitas and finn.custom_op.general");
  if (row == nullptr || (row->qonnx && ctx.domain.empty()))
    return ctx.Error(StatusCode::kUnsupported, "unsupported op; cimc supports: " + Join(SupportedOnnxOps()) +
                                                   " and QONNX BipolarQuant");
  Node n;
  n.name = name;
  n.op_type = proto.op_type();
  Status attrs = ConvertAttributes(proto, row->attr_spec, n.attrs);
  if (!attrs.ok()) return ctx.Error(attrs.code(), attrs.message());
  for (const std::string& in : proto.input()) {
    if (in.empty()) {
      n.inputs.push_back(-1);
      continue;
    }
    auto it = ctx.value_of.find(in);
    if (it == ctx.value_of.end())  // its producer does not define this optional output
      return ctx.Error(StatusCode::kUnsupported, "input \"" + in + "\" is an output cimc does not compute");
    n.inputs.push_back(it->second);
  }
  if (proto.op_type() != "Constant" && (n.inputs.empty() || n.inputs[0] < 0))
    return ctx.Error(StatusCode::kInvalidArgument, "input 0 is missing");
  if (proto.output_size() == 0 || proto.output(0).empty())
    return ctx.Error(StatusCode::kInvalidArgument, "output 0 is missing");
  std::vector<std::string> outputs(proto.output().begin(), proto.output().end());
  return row->handler(ctx, n, outputs);
}

Status ReadOutputs(const onnx::GraphProto& gp, ImportContext& ctx) {
  for (const onnx::ValueInfoProto& out : gp.output()) {
    auto it = ctx.value_of.find(out.name());
    if (it == ctx.value_of.end())
      return InvalidArgument(ctx.file + ": graph output \"" + out.name() +
                             "\" is not produced by any node, initializer or graph input");
    ctx.g.outputs.push_back(it->second);
    Value& v = ctx.g.values[it->second];
    if (v.producer >= 0) v.name = out.name();  // keep the user's name through removed Identities
  }
  return Status::Ok();
}

}  // namespace

Result<Graph> ReadGraph(const onnx::GraphProto& gp, const std::string& file, int64_t opset) {
  Graph g;
  g.source = file;
  g.opset = opset;
  if (gp.node_size() == 0) return InvalidArgument(file + ": graph has no nodes");
  if (gp.output_size() == 0) return InvalidArgument(file + ": graph has no outputs");
  ImportContext ctx(g, file, opset);
  CIM_RETURN_IF_ERROR(ReadInputs(gp, ctx));
  CIM_RETURN_IF_ERROR(ReadInitializers(gp, ctx));
  std::set<std::string> defined;
  for (const auto& [name, id] : ctx.value_of) defined.insert(name);
  for (const onnx::NodeProto& n : gp.node())
    for (const std::string& in : n.input()) ctx.consumed.insert(in);
  for (const onnx::ValueInfoProto& out : gp.output()) ctx.consumed.insert(out.name());
  const std::vector<std::string> names = NodeNames(gp);
  CIM_ASSIGN_OR_RETURN(std::vector<int> order, TopologicalOrder(gp, names, defined, file, opset));
  for (int i : order) CIM_RETURN_IF_ERROR(ImportNode(gp.node(i), names[i], ctx));
  CIM_RETURN_IF_ERROR(ReadOutputs(gp, ctx));
  g.RemoveDeadNodes();
  CIM_RETURN_IF_ERROR(g.Verify());
  return g;
}

}  // namespace cim
