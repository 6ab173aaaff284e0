#pragma once
// Image classification data sets held in memory: the IDX reader (MNIST,
// Fashion-MNIST), the CIFAR-10/100 binary reader, and the resolution of the
// `--dataset NAME|PATH` argument to files (docs/datasets.md).
//
// How LoadDataset resolves its argument:
//  1. An existing directory or file is read as given, whatever its name:
//     - a directory is searched for the standard file names of the split:
//       IDX `t10k-images-idx3-ubyte[.gz]` + `t10k-labels-idx1-ubyte[.gz]`
//       (test) or `train-...` (train); CIFAR-10 `test_batch.bin` or
//       `data_batch_1.bin` .. `data_batch_5.bin`; CIFAR-100 `test.bin` or
//       `train.bin`; the CIFAR files may also sit in the archive's own
//       subdirectory (`cifar-10-batches-bin/`, `cifar-100-binary/`);
//     - a file `*-images-idx3-ubyte[.gz]` is paired with the labels file of
//       the standard name beside it (`*-labels-idx1-ubyte[.gz]`); a `*.bin`
//       file is one CIFAR batch (CIFAR-100 if named train.bin or test.bin,
//       else CIFAR-10). The split argument is then ignored.
//  2. A known name (mnist; fashion_mnist, alias fashion-mnist or fashion;
//     cifar10; cifar100) is looked for in `<root>/<directory name>` for each
//     root of DatasetSearch in order and each directory name of the data set
//     (its canonical name first, then e.g. `fashion-mnist`, the Debian
//     package's). The first directory holding the split's files is read.
//  3. Anything else is a NotFound error that lists the known names and roots.

#include <cstdint>
#include <string>
#include <vector>

#include "cim/support/status.h"

namespace cim {

/// Which part of a data set to read.
enum class Split { kTest, kTrain };

/// "test" or "train".
const char* SplitName(Split split);

/// Parses "test" or "train"; InvalidArgument naming the valid names otherwise.
Result<Split> ParseSplit(const std::string& name);

/// A labelled image set held whole in memory, 8-bit pixels.
struct Dataset {
  std::string name;  ///< "mnist", ... or the path given
  std::string images_path,
      labels_path;  ///< files read (CIFAR: labels_path == images_path, the first batch)
  std::vector<std::string> files;  ///< every file read, in order (for the run manifest)
  int64_t count = 0, height = 0, width = 0, channels = 0;
  int num_classes = 0;
  std::vector<uint8_t>
      pixels;  ///< count * height * width * channels; each image HWC (channel last)
  std::vector<uint8_t> labels;  ///< count entries, each < num_classes

  /// Bytes per image: height * width * channels.
  int64_t image_bytes() const { return height * width * channels; }
  /// The first pixel of image `i` (HWC); `i` must be in [0, count).
  const uint8_t* Image(int64_t i) const;
};

/// Reads an IDX images file (magic 0x00000803, [count, rows, cols] uint8) and
/// its IDX labels file (magic 0x00000801, [count] uint8), gzip or raw (told
/// apart by content, not name). Channels = 1, num_classes as given.
/// Errors: NotFound (missing file), IOError (unreadable), Corruption (bad
/// gzip, magic, dimension, size, count mismatch or label >= num_classes),
/// each naming the file and the field, e.g.
/// `t10k-images-idx3-ubyte.gz: magic 0x00000801: expected 0x00000803 (IDX images)`.
Result<Dataset> ReadIdxPair(const std::string& images_gz_or_raw,
                            const std::string& labels_gz_or_raw, int num_classes = 10);

/// Reads CIFAR binary batches, concatenated in the order given. CIFAR-10
/// records are 1 label byte + 3072 pixel bytes (1024 R, 1024 G, 1024 B, each
/// 32x32 row-major); CIFAR-100 records have 2 label bytes (coarse, fine) and
/// the fine label is kept. Pixels are converted to HWC (32x32x3).
/// Errors: InvalidArgument (no file, num_classes not 10 or 100), NotFound,
/// IOError, Corruption (size not a positive multiple of the record size,
/// label out of range), each naming the file.
Result<Dataset> ReadCifarBinary(const std::vector<std::string>& batch_files, int num_classes);

/// Where known data set names are looked for: `<root>/<directory name>` for
/// each root in order.
struct DatasetSearch {
  std::vector<std::string> roots;
};

/// The places the default search list is built from; an empty one is skipped.
struct DatasetSearchPlaces {
  std::string data_dir_flag;  ///< `--data-dir`: a root holding one directory per data set
  std::string exe_path;       ///< the running executable; adds `<its dir>/../testdata/datasets`
  std::string source_dir;     ///< the project root; adds `<source_dir>/testdata/datasets`
  std::string home_dir;       ///< adds `<home_dir>/.cache/cim/datasets`
};

/// The Debian data set packages' root (dataset-fashion-mnist installs
/// /usr/share/datasets/fashion-mnist/).
inline constexpr const char* kDebianDatasetRoot = "/usr/share/datasets";

/// Roots in this order: data_dir_flag, <exe dir>/../testdata/datasets,
/// <source_dir>/testdata/datasets, kDebianDatasetRoot, <home>/.cache/cim/datasets.
DatasetSearch DefaultDatasetSearch(const DatasetSearchPlaces& places);

/// DefaultDatasetSearch with source_dir = this build's project root and
/// home_dir = $HOME (the one environment read, to find the user's cache).
DatasetSearch DefaultDatasetSearch(const std::string& exe_path, const std::string& data_dir_flag);

/// The canonical known names: mnist, fashion_mnist, cifar10, cifar100.
std::vector<std::string> KnownDatasetNames();

/// Reads the data set named or pointed to by `name_or_path` (see the top of
/// this file). Errors: NotFound (unknown name: lists the known names and the
/// roots; known name not found: names the split's file and the directories
/// searched; missing file), plus those of the readers.
Result<Dataset> LoadDataset(const std::string& name_or_path, Split split,
                            const DatasetSearch& search);

}  // namespace cim
