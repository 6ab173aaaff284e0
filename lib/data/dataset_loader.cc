// LoadDataset: `--dataset NAME|PATH` to files (resolution order in
// include/cim/data/dataset.h and docs/datasets.md).

#include <filesystem>

#include "cim/data/dataset.h"
#include "data/dataset_layout.h"
#include "data/known_datasets.h"

namespace cim {
namespace {

namespace fs = std::filesystem;

std::string JoinComma(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

Result<Dataset> LoadFromDirectory(const std::string& dir, Split split) {
  const auto files = FindSplitFilesAnyFormat(dir, split);
  if (!files) {
    return NotFound("dataset \"" + dir + "\": no " + SplitName(split) + " split: expected " +
                    ExpectedFirstFile(DatasetFormat::kIdx, split) + ", " +
                    ExpectedFirstFile(DatasetFormat::kCifar10, split) + " or " +
                    ExpectedFirstFile(DatasetFormat::kCifar100, split) +
                    " (CIFAR also under cifar-10-batches-bin/ or cifar-100-binary/)");
  }
  return ReadDatasetFiles(*files);
}

Result<Dataset> LoadKnown(const KnownDataset& known, Split split, const DatasetSearch& search) {
  std::vector<std::string> searched;
  for (const std::string& root : search.roots) {
    for (const char* directory_name : known.directory_names) {
      const std::string dir = (fs::path(root) / directory_name).string();
      searched.push_back(dir);
      if (auto files = FindSplitFiles(dir, known.format, split)) return ReadDatasetFiles(*files);
    }
  }
  return NotFound("dataset \"" + std::string(known.name) + "\": " + SplitName(split) + " split (" +
                  ExpectedFirstFile(known.format, split) + ") not found in: " +
                  (searched.empty() ? "(no search directory)" : JoinComma(searched)));
}

std::string KnownNamesWithAliases() {
  std::vector<std::string> names;
  for (const KnownDataset& known : KnownDatasets()) {
    std::string entry = known.name;
    for (const char* alias : known.aliases) entry += std::string("|") + alias;
    names.push_back(entry);
  }
  return JoinComma(names);
}

}  // namespace

Result<Dataset> LoadDataset(const std::string& name_or_path, Split split,
                            const DatasetSearch& search) {
  std::error_code ec;
  const auto status = fs::status(name_or_path, ec);
  if (fs::exists(status)) {
    Result<Dataset> read = [&]() -> Result<Dataset> {
      if (fs::is_directory(status)) return LoadFromDirectory(name_or_path, split);
      CIM_ASSIGN_OR_RETURN(const DatasetFiles files, FilesForPath(name_or_path));
      return ReadDatasetFiles(files);
    }();
    if (read.ok()) read->name = name_or_path;
    return read;
  }
  if (const KnownDataset* known = FindKnownDataset(name_or_path)) {
    Result<Dataset> read = LoadKnown(*known, split, search);
    if (read.ok()) read->name = known->name;
    return read;
  }
  return NotFound("dataset \"" + name_or_path +
                  "\": no such file or directory, and not a known name (" +
                  KnownNamesWithAliases() + ") to look for in: " +
                  (search.roots.empty() ? "(no search directory)" : JoinComma(search.roots)));
}

}  // namespace cim
