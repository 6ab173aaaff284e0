#include <cstdlib>
#include <filesystem>

#include "cim/data/dataset.h"

namespace cim {
namespace {

std::string JoinNormal(const std::filesystem::path& base, const char* relative) {
  return (base / relative).lexically_normal().string();
}

}  // namespace

DatasetSearch DefaultDatasetSearch(const DatasetSearchPlaces& places) {
  DatasetSearch search;
  if (!places.data_dir_flag.empty()) search.roots.push_back(places.data_dir_flag);
  // A bare program name (found through PATH) says nothing about where it lives.
  const std::filesystem::path exe_dir = std::filesystem::path(places.exe_path).parent_path();
  if (!exe_dir.empty()) search.roots.push_back(JoinNormal(exe_dir, "../testdata/datasets"));
  if (!places.source_dir.empty()) {
    search.roots.push_back(JoinNormal(places.source_dir, "testdata/datasets"));
  }
  search.roots.push_back(kDebianDatasetRoot);
  if (!places.home_dir.empty()) {
    search.roots.push_back(JoinNormal(places.home_dir, ".cache/cim/datasets"));
  }
  return search;
}

DatasetSearch DefaultDatasetSearch(const std::string& exe_path, const std::string& data_dir_flag) {
  DatasetSearchPlaces places;
  places.data_dir_flag = data_dir_flag;
  places.exe_path = exe_path;
  places.source_dir = CIM_DATA_SOURCE_DIR;  // compiled in by lib/CMakeLists.txt
  // HOME only locates the user's cache directory; it configures nothing.
  const char* home = std::getenv("HOME");
  places.home_dir = home ? home : "";
  return DefaultDatasetSearch(places);
}

}  // namespace cim
