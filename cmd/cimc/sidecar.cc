#include "sidecar.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace cim {

Result<Sidecar> ReadSidecarFor(const std::string& model_path) {
  std::filesystem::path p(model_path);
  p.replace_extension(".json");
  Sidecar s;
  if (!std::filesystem::exists(p)) return s;
  s.path = p.string();
  std::ifstream in(p);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return InvalidArgument(s.path + ": not a JSON object");
  auto number = [&](const char* key, std::optional<double>* out) -> Status {
    if (!j.contains(key)) return Status::Ok();
    if (!j[key].is_number()) return InvalidArgument(s.path + ": /" + key + ": expected a number");
    *out = j[key].get<double>();
    return Status::Ok();
  };
  CIM_RETURN_IF_ERROR(number("input_scale", &s.input_scale));
  CIM_RETURN_IF_ERROR(number("input_offset", &s.input_offset));
  if (j.contains("dataset")) {
    if (!j["dataset"].is_string()) return InvalidArgument(s.path + ": /dataset: expected a string");
    s.dataset = j["dataset"].get<std::string>();
  }
  return s;
}

}  // namespace cim
