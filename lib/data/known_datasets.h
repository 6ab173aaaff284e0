#pragma once
// The table of data sets known by name: what `--dataset NAME` accepts, where
// the data set's directory may be called under a search root, and its format.

#include <span>
#include <string>
#include <vector>

namespace cim {

/// How a data set's files are laid out and read.
enum class DatasetFormat { kIdx, kCifar10, kCifar100 };

struct KnownDataset {
  const char* name;                          ///< canonical, e.g. "fashion_mnist"
  std::vector<const char*> aliases;          ///< other accepted names
  std::vector<const char*> directory_names;  ///< under a search root, canonical first
  DatasetFormat format;
};

/// Every known data set, in the order they are listed in messages.
std::span<const KnownDataset> KnownDatasets();

/// The data set called `name` (canonical or alias), or nullptr.
const KnownDataset* FindKnownDataset(const std::string& name);

}  // namespace cim
