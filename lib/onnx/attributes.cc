// Attribute conversion and type checks against the op table's spec strings.

#include "attributes.h"

#include <sstream>

#include "tensor_proto.h"

namespace cim {
namespace {

using AP = onnx::AttributeProto;

// Declared type of `name` in a spec like "axis:int perm:ints", or UNDEFINED.
AP::AttributeType DeclaredType(const std::string& spec, const std::string& name) {
  std::istringstream words(spec);
  std::string word;
  while (words >> word) {
    size_t colon = word.find(':');
    if (word.compare(0, colon, name) != 0 || colon != name.size()) continue;
    std::string type = word.substr(colon + 1);
    if (type == "int") return AP::INT;
    if (type == "float") return AP::FLOAT;
    if (type == "string") return AP::STRING;
    if (type == "ints") return AP::INTS;
    if (type == "floats") return AP::FLOATS;
    if (type == "tensor") return AP::TENSOR;
  }
  return AP::UNDEFINED;
}

}  // namespace

Status ConvertAttributes(const onnx::NodeProto& proto, const std::string& spec,
                         std::map<std::string, AttrValue>& attrs) {
  for (const AP& a : proto.attribute()) {
    AP::AttributeType want = DeclaredType(spec, a.name());
    if (want != AP::UNDEFINED && a.type() != want)
      return InvalidArgument("attribute \"" + a.name() + "\" is " +
                             (AP::AttributeType_IsValid(a.type()) ? AP::AttributeType_Name(a.type())
                                                                  : std::to_string(a.type())) +
                             ", expected " + AP::AttributeType_Name(want));
    switch (a.type()) {
      case AP::INT: attrs[a.name()] = static_cast<int64_t>(a.i()); break;
      case AP::FLOAT: attrs[a.name()] = static_cast<double>(a.f()); break;
      case AP::STRING: attrs[a.name()] = a.s(); break;
      case AP::INTS: attrs[a.name()] = std::vector<int64_t>(a.ints().begin(), a.ints().end()); break;
      case AP::FLOATS: attrs[a.name()] = std::vector<double>(a.floats().begin(), a.floats().end()); break;
      case AP::TENSOR: {
        Result<Tensor> t = TensorFromProto(a.t());
        if (!t.ok()) return t.status().WithPrefix("attribute \"" + a.name() + "\"");
        attrs[a.name()] = std::move(*t);
        break;
      }
      default: break;  // graphs, string lists, ...: no op we support reads them
    }
  }
  return Status::Ok();
}

}  // namespace cim
