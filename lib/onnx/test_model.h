#pragma once
// Test helper: builds small ONNX ModelProtos in C++ so importer tests need no
// files. Header-only; used by lib/onnx/*_test.cc.

#include <onnx/onnx_pb.h>

#include <cstring>
#include <string>
#include <vector>

#include "cim/graph/graph.h"
#include "cim/onnx/import.h"

namespace cim::testing {

class TestModel {
 public:
  explicit TestModel(int64_t opset = 13) {
    model.set_ir_version(8);
    auto* op = model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    model.mutable_graph()->set_name("test");
  }

  onnx::GraphProto& graph() { return *model.mutable_graph(); }

  /// A graph input; a dim of -1 is symbolic ("N").
  TestModel& Input(const std::string& name, const std::vector<int64_t>& dims,
                   int32_t elem = onnx::TensorProto::FLOAT) {
    auto* in = graph().add_input();
    in->set_name(name);
    auto* tt = in->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(elem);
    auto* shape = tt->mutable_shape();
    for (int64_t d : dims) {
      if (d < 0) shape->add_dim()->set_dim_param("N");
      else shape->add_dim()->set_dim_value(d);
    }
    return *this;
  }

  TestModel& Output(const std::string& name) {
    graph().add_output()->set_name(name);
    return *this;
  }

  static onnx::TensorProto FloatTensor(const std::string& name, const std::vector<int64_t>& dims,
                                       const std::vector<float>& values, bool raw = false) {
    onnx::TensorProto t;
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims) t.add_dims(d);
    if (raw) {
      std::string bytes(values.size() * 4, '\0');
      std::memcpy(bytes.data(), values.data(), bytes.size());  // x86 is little-endian like ONNX
      t.set_raw_data(bytes);
    } else {
      for (float v : values) t.add_float_data(v);
    }
    return t;
  }

  static onnx::TensorProto Int64Tensor(const std::string& name, const std::vector<int64_t>& dims,
                                       const std::vector<int64_t>& values, bool raw = false) {
    onnx::TensorProto t;
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::INT64);
    for (int64_t d : dims) t.add_dims(d);
    if (raw) {
      std::string bytes(values.size() * 8, '\0');
      std::memcpy(bytes.data(), values.data(), bytes.size());
      t.set_raw_data(bytes);
    } else {
      for (int64_t v : values) t.add_int64_data(v);
    }
    return t;
  }

  TestModel& Init(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values,
                  bool raw = false) {
    *graph().add_initializer() = FloatTensor(name, dims, values, raw);
    return *this;
  }

  TestModel& InitInt64(const std::string& name, const std::vector<int64_t>& dims,
                       const std::vector<int64_t>& values, bool raw = false) {
    *graph().add_initializer() = Int64Tensor(name, dims, values, raw);
    return *this;
  }

  /// Adds a node; "" in inputs marks an omitted optional input.
  onnx::NodeProto& Node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs, const std::string& name = "") {
    auto* n = graph().add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    return *n;
  }

  std::string Bytes() const { return model.SerializeAsString(); }
  Result<Graph> Import() const { return ImportOnnxBytes(Bytes(), "model.onnx"); }
  /// PrintGraph of the import, or the error as "Code: message".
  std::string Text() const {
    Result<Graph> g = Import();
    return g.ok() ? PrintGraph(*g) : g.status().ToString();
  }

  onnx::ModelProto model;
};

inline void SetInt(onnx::NodeProto& n, const std::string& name, int64_t v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INT);
  a->set_i(v);
}
inline void SetFloat(onnx::NodeProto& n, const std::string& name, float v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOAT);
  a->set_f(v);
}
inline void SetString(onnx::NodeProto& n, const std::string& name, const std::string& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::STRING);
  a->set_s(v);
}
inline void SetInts(onnx::NodeProto& n, const std::string& name, const std::vector<int64_t>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::INTS);
  for (int64_t x : v) a->add_ints(x);
}
inline void SetFloats(onnx::NodeProto& n, const std::string& name, const std::vector<float>& v) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::FLOATS);
  for (float x : v) a->add_floats(x);
}
inline void SetTensor(onnx::NodeProto& n, const std::string& name, const onnx::TensorProto& t) {
  auto* a = n.add_attribute();
  a->set_name(name);
  a->set_type(onnx::AttributeProto::TENSOR);
  *a->mutable_t() = t;
}

}  // namespace cim::testing
