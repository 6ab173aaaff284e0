#include "data/known_datasets.h"

#include "cim/data/dataset.h"

namespace cim {

std::span<const KnownDataset> KnownDatasets() {
  // Directory names: ours (canonical) first, then those of the data set's
  // own archive or Debian package (dataset-fashion-mnist installs
  // /usr/share/datasets/fashion-mnist).
  static const KnownDataset kTable[] = {
      {"mnist", {}, {"mnist"}, DatasetFormat::kIdx},
      {"fashion_mnist",
       {"fashion-mnist", "fashion"},
       {"fashion_mnist", "fashion-mnist"},
       DatasetFormat::kIdx},
      {"cifar10", {}, {"cifar10", "cifar-10-batches-bin"}, DatasetFormat::kCifar10},
      {"cifar100", {}, {"cifar100", "cifar-100-binary"}, DatasetFormat::kCifar100},
  };
  return kTable;
}

const KnownDataset* FindKnownDataset(const std::string& name) {
  for (const KnownDataset& known : KnownDatasets()) {
    if (name == known.name) return &known;
    for (const char* alias : known.aliases) {
      if (name == alias) return &known;
    }
  }
  return nullptr;
}

std::vector<std::string> KnownDatasetNames() {
  std::vector<std::string> names;
  for (const KnownDataset& known : KnownDatasets()) names.emplace_back(known.name);
  return names;
}

}  // namespace cim
