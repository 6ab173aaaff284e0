#include "data/dataset_layout.h"

#include <filesystem>

namespace cim {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIdxImagesSuffix = "-images-idx3-ubyte";
constexpr const char* kIdxLabelsSuffix = "-labels-idx1-ubyte";
constexpr int kCifar10TrainBatches = 5;

bool IsFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

// `stem` + ".gz" if that exists, else `stem` if that exists, else nullopt.
std::optional<std::string> GzOrRaw(const fs::path& stem) {
  const fs::path gz = fs::path(stem.string() + ".gz");
  if (IsFile(gz)) return gz.string();
  if (IsFile(stem)) return stem.string();
  return std::nullopt;
}

// The labels file paired with an images file: same prefix, same compression
// if present, else the other one; if neither exists, the same-suffix name
// (so that the NotFound error names it).
std::string PairedLabelsFile(const fs::path& dir, const std::string& prefix, bool gz) {
  const fs::path stem = dir / (prefix + kIdxLabelsSuffix);
  const fs::path same = gz ? fs::path(stem.string() + ".gz") : stem;
  if (IsFile(same)) return same.string();
  if (auto other = GzOrRaw(stem)) return *other;
  return same.string();
}

std::optional<DatasetFiles> FindIdx(const fs::path& dir, Split split) {
  const std::string prefix = split == Split::kTest ? "t10k" : "train";
  const auto images = GzOrRaw(dir / (prefix + kIdxImagesSuffix));
  if (!images) return std::nullopt;
  const bool gz = images->ends_with(".gz");
  return DatasetFiles{DatasetFormat::kIdx, {*images, PairedLabelsFile(dir, prefix, gz)}};
}

std::vector<std::string> CifarFileNames(DatasetFormat format, Split split) {
  if (format == DatasetFormat::kCifar100) return {split == Split::kTest ? "test.bin" : "train.bin"};
  if (split == Split::kTest) return {"test_batch.bin"};
  std::vector<std::string> names;
  for (int i = 1; i <= kCifar10TrainBatches; ++i) {
    names.push_back("data_batch_" + std::to_string(i) + ".bin");
  }
  return names;
}

// The files in `dir` or in the subdirectory the official archive unpacks to.
std::optional<DatasetFiles> FindCifar(const fs::path& dir, DatasetFormat format, Split split) {
  const char* archive_dir =
      format == DatasetFormat::kCifar10 ? "cifar-10-batches-bin" : "cifar-100-binary";
  const std::vector<std::string> names = CifarFileNames(format, split);
  for (const fs::path& base : {dir, dir / archive_dir}) {
    if (!IsFile(base / names.front())) continue;
    DatasetFiles found{format, {}};
    for (const std::string& name : names) found.files.push_back((base / name).string());
    return found;
  }
  return std::nullopt;
}

}  // namespace

std::optional<DatasetFiles> FindSplitFiles(const std::string& dir, DatasetFormat format,
                                           Split split) {
  if (format == DatasetFormat::kIdx) return FindIdx(dir, split);
  return FindCifar(dir, format, split);
}

std::optional<DatasetFiles> FindSplitFilesAnyFormat(const std::string& dir, Split split) {
  for (DatasetFormat format :
       {DatasetFormat::kIdx, DatasetFormat::kCifar10, DatasetFormat::kCifar100}) {
    if (auto found = FindSplitFiles(dir, format, split)) return found;
  }
  return std::nullopt;
}

std::string ExpectedFirstFile(DatasetFormat format, Split split) {
  if (format == DatasetFormat::kIdx) {
    return std::string(split == Split::kTest ? "t10k" : "train") + kIdxImagesSuffix + "[.gz]";
  }
  return CifarFileNames(format, split).front();
}

Result<DatasetFiles> FilesForPath(const std::string& file) {
  const fs::path path(file);
  const std::string base = path.filename().string();
  for (const char* ext : {"", ".gz"}) {
    const std::string suffix = std::string(kIdxImagesSuffix) + ext;
    if (base.size() > suffix.size() && base.ends_with(suffix)) {
      const std::string prefix = base.substr(0, base.size() - suffix.size());
      return DatasetFiles{DatasetFormat::kIdx,
                          {file, PairedLabelsFile(path.parent_path(), prefix, *ext != '\0')}};
    }
  }
  if (base == "train.bin" || base == "test.bin")
    return DatasetFiles{DatasetFormat::kCifar100, {file}};
  if (base.ends_with(".bin")) return DatasetFiles{DatasetFormat::kCifar10, {file}};
  return InvalidArgument(file + ": file name: expected *" + kIdxImagesSuffix +
                         "[.gz] (IDX images) or *.bin (CIFAR batch)");
}

Result<Dataset> ReadDatasetFiles(const DatasetFiles& files) {
  switch (files.format) {
    case DatasetFormat::kIdx:
      return ReadIdxPair(files.files.at(0), files.files.at(1));
    case DatasetFormat::kCifar10:
      return ReadCifarBinary(files.files, 10);
    case DatasetFormat::kCifar100:
      return ReadCifarBinary(files.files, 100);
  }
  return Internal("ReadDatasetFiles: unknown format");
}

}  // namespace cim
