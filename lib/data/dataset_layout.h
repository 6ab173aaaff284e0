#pragma once
// The standard file names of each data set format, and finding them in a
// directory or next to a given file.

#include <optional>
#include <string>
#include <vector>

#include "cim/data/dataset.h"
#include "data/known_datasets.h"

namespace cim {

/// The files of one split: IDX = {images, labels}; CIFAR = the batches.
struct DatasetFiles {
  DatasetFormat format = DatasetFormat::kIdx;
  std::vector<std::string> files;
};

/// The files of `split` in `dir` for `format`, or nullopt when `dir` lacks the
/// split's first file (IDX images file, first CIFAR batch). Files after the
/// first are named even if missing, so that reading them reports which.
std::optional<DatasetFiles> FindSplitFiles(const std::string& dir, DatasetFormat format,
                                           Split split);

/// FindSplitFiles for each format in turn (IDX, CIFAR-10, CIFAR-100).
std::optional<DatasetFiles> FindSplitFilesAnyFormat(const std::string& dir, Split split);

/// What `dir` should hold for `split` of `format`, for messages, e.g.
/// "t10k-images-idx3-ubyte[.gz]".
std::string ExpectedFirstFile(DatasetFormat format, Split split);

/// The files to read for a file path: an IDX images file and its labels file
/// by the standard naming, or one CIFAR batch. InvalidArgument otherwise.
Result<DatasetFiles> FilesForPath(const std::string& file);

/// Reads the files with the reader of their format.
Result<Dataset> ReadDatasetFiles(const DatasetFiles& files);

}  // namespace cim
