// TensorProto -> Tensor: typed data fields or little-endian raw_data for the
// element types cimc reads; everything else is Unsupported.

#include "tensor_proto.h"

#include <cstring>

#include "cim/graph/shape_inference.h"

namespace cim {
namespace {

using TP = onnx::TensorProto;

// Bytes per element in raw_data, 0 for types we do not read.
size_t RawSize(int32_t t) {
  switch (t) {
    case TP::FLOAT: case TP::INT32: return 4;
    case TP::DOUBLE: case TP::INT64: return 8;
    case TP::INT8: case TP::UINT8: case TP::BOOL: return 1;
    default: return 0;
  }
}

uint64_t LoadLittleEndian(const unsigned char* p, size_t size) {
  uint64_t v = 0;
  for (size_t i = size; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

double ClampInt64(int64_t v) {
  constexpr int64_t kLimit = int64_t{1} << 62;
  return static_cast<double>(v > kLimit ? kLimit : v < -kLimit ? -kLimit : v);
}

double DecodeRaw(int32_t t, const unsigned char* p) {
  uint64_t bits = LoadLittleEndian(p, RawSize(t));
  switch (t) {
    case TP::FLOAT: {
      uint32_t b32 = static_cast<uint32_t>(bits);
      float f;
      std::memcpy(&f, &b32, 4);
      return f;
    }
    case TP::DOUBLE: {
      double d;
      std::memcpy(&d, &bits, 8);
      return d;
    }
    case TP::INT64: return ClampInt64(static_cast<int64_t>(bits));
    case TP::INT32: return static_cast<int32_t>(static_cast<uint32_t>(bits));
    case TP::INT8: return static_cast<int8_t>(static_cast<uint8_t>(bits));
    case TP::UINT8: return static_cast<uint8_t>(bits);
    case TP::BOOL: return bits != 0 ? 1.0 : 0.0;
  }
  return 0;
}

Status CountMismatch(const char* field, int64_t found, int64_t want, const Tensor& t) {
  return InvalidArgument(std::string(field) + " has " + std::to_string(found) + " values, " +
                         DTypeName(t.dtype) + ShapeToString(t.shape) + " needs " + std::to_string(want));
}

}  // namespace

std::string OnnxTypeName(int32_t elem_type) {
  if (!TP::DataType_IsValid(elem_type)) return "type " + std::to_string(elem_type);
  return TP::DataType_Name(static_cast<TP::DataType>(elem_type));
}

Result<DType> IrTypeOf(int32_t elem_type) {
  switch (elem_type) {
    case TP::FLOAT: case TP::DOUBLE: return DType::kFloat;
    case TP::INT64: case TP::INT32: case TP::INT8: case TP::UINT8: return DType::kInt64;
    case TP::BOOL: return DType::kBool;
    default:
      return Unsupported("element type " + OnnxTypeName(elem_type) +
                         " not supported; cimc reads FLOAT, DOUBLE, INT64, INT32, INT8, UINT8 and BOOL");
  }
}

Status CheckDims(const Shape& shape) {
  if (shape.size() > kMaxRank)
    return InvalidArgument("shape " + ShapeToString(shape) + " has rank " + std::to_string(shape.size()) +
                           ", more than " + std::to_string(kMaxRank));
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return InvalidArgument("shape " + ShapeToString(shape) + " has a negative dim");
    if (d > 0 && n > kMaxElements / d)
      return InvalidArgument("shape " + ShapeToString(shape) + " has more than 2^31 elements");
    n *= d;
  }
  return Status::Ok();
}

Result<Tensor> TensorFromProto(const onnx::TensorProto& p) {
  if (p.data_location() == TP::EXTERNAL || p.external_data_size() > 0)
    return Unsupported("data is stored in an external file; save the model with the tensors inside "
                       "(onnx.save_model(m, path, save_as_external_data=False))");
  Tensor t;
  CIM_ASSIGN_OR_RETURN(t.dtype, IrTypeOf(p.data_type()));
  t.shape.assign(p.dims().begin(), p.dims().end());
  CIM_RETURN_IF_ERROR(CheckDims(t.shape));
  const int64_t n = NumElements(t.shape);
  const int32_t type = p.data_type();
  if (p.has_raw_data()) {
    const std::string& raw = p.raw_data();
    const int64_t want = n * static_cast<int64_t>(RawSize(type));
    if (static_cast<int64_t>(raw.size()) != want)
      return InvalidArgument("raw_data has " + std::to_string(raw.size()) + " bytes, " + OnnxTypeName(type) +
                             ShapeToString(t.shape) + " needs " + std::to_string(want));
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
    t.values.resize(n);
    for (int64_t i = 0; i < n; ++i) t.values[i] = DecodeRaw(type, bytes + i * RawSize(type));
    return t;
  }
  switch (type) {
    case TP::FLOAT:
      if (p.float_data_size() != n) return CountMismatch("float_data", p.float_data_size(), n, t);
      t.values.assign(p.float_data().begin(), p.float_data().end());
      break;
    case TP::DOUBLE:
      if (p.double_data_size() != n) return CountMismatch("double_data", p.double_data_size(), n, t);
      t.values.assign(p.double_data().begin(), p.double_data().end());
      break;
    case TP::INT64:
      if (p.int64_data_size() != n) return CountMismatch("int64_data", p.int64_data_size(), n, t);
      for (int64_t v : p.int64_data()) t.values.push_back(ClampInt64(v));
      break;
    default:  // INT32, INT8, UINT8, BOOL live in int32_data
      if (p.int32_data_size() != n) return CountMismatch("int32_data", p.int32_data_size(), n, t);
      for (int32_t v : p.int32_data())
        t.values.push_back(type == TP::BOOL ? (v != 0) : type == TP::INT8 ? static_cast<int8_t>(v)
                                                      : type == TP::UINT8 ? static_cast<uint8_t>(v) : v);
      break;
  }
  return t;
}

}  // namespace cim
