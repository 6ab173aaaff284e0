#include <vector>

#include "cim/sim/xbar_config_json.h"
#include "sim/json_file.h"
#include "sim/xbar_config_schema.h"

namespace cim {
namespace {

using json = nlohmann::json;

std::vector<std::string> SplitDotted(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
    parts.push_back(key.substr(start, dot - start));
  }
  parts.push_back(key.substr(start));
  return parts;
}

// `4` and `[-10,10]` are JSON; `BNN_III` and `max` are not and become strings.
json ValueFromText(const std::string& text) {
  json v = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return v.is_discarded() ? json(text) : v;
}

}  // namespace

Status ApplyOverride(json& doc, const std::string& key_eq_value) {
  const std::string where = "--set " + key_eq_value;
  const size_t eq = key_eq_value.find('=');
  if (eq == std::string::npos || eq == 0) {
    return InvalidArgument(where + ": expected key=value with a dotted key, e.g. adc.bits=4");
  }
  const std::vector<std::string> path = SplitDotted(key_eq_value.substr(0, eq));
  const json value = ValueFromText(key_eq_value.substr(eq + 1));

  // Find the schema rule first, so a typo is reported before anything changes.
  const ConfigField* field = &XbarConfigSchema();
  std::string pointer;
  for (const std::string& segment : path) {
    if (field->kind != ConfigFieldKind::kObject) {
      return InvalidArgument(where + ": " + pointer + ": is a value, it has no key \"" + segment +
                             "\"");
    }
    const ConfigField* child = FindConfigField(*field, segment);
    pointer += "/" + JsonPointerEscape(segment);
    if (child == nullptr) {
      return InvalidArgument(where + ": " + pointer +
                             ": unknown key (valid: " + ConfigFieldKeys(*field) + ")");
    }
    field = child;
  }
  CIM_RETURN_IF_ERROR(CheckConfigField(*field, value, pointer).WithPrefix(where));

  if (doc.is_null()) doc = json::object();
  json* node = &doc;
  std::string node_pointer;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    if (!node->is_object()) {
      return InvalidArgument(where + ": " + (node_pointer.empty() ? "top level" : node_pointer) +
                             " in the config is not an object");
    }
    node = &(*node)[path[i]];
    node_pointer += "/" + JsonPointerEscape(path[i]);
    if (node->is_null()) *node = json::object();
  }
  if (!node->is_object()) {
    return InvalidArgument(where + ": " + (node_pointer.empty() ? "top level" : node_pointer) +
                           " in the config is not an object");
  }
  (*node)[path.back()] = value;
  return Status::Ok();
}

}  // namespace cim
