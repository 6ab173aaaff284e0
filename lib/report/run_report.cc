#include <nlohmann/json.hpp>

#include "cim/report/report.h"
#include "cim/version.h"

namespace cim {

std::map<std::string, std::string> RunVersions() {
  return {
    {"cim", kVersion},
#if defined(__clang__)
        {"compiler", "clang " __clang_version__},
#elif defined(__GNUC__)
        {"compiler", "gcc " __VERSION__},
#endif
        {"nlohmann_json", std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." +
                              std::to_string(NLOHMANN_JSON_VERSION_MINOR) + "." +
                              std::to_string(NLOHMANN_JSON_VERSION_PATCH)},
  };
}

double ShareOf(int64_t count, int64_t images) {
  return images == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(images);
}

CellStats TotalCells(const std::vector<LayerStats>& layers) {
  CellStats total;
  for (const LayerStats& l : layers) total.Merge(l.cells);
  return total;
}

ReadDisturbStats TotalReadDisturb(const std::vector<LayerStats>& layers) {
  ReadDisturbStats total;
  for (const LayerStats& l : layers) total.Merge(l.read_disturb);
  return total;
}

}  // namespace cim
