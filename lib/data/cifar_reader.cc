// CIFAR-10/100 binary batches: fixed-size records of label byte(s) followed
// by a 32x32 image stored channel-planar (1024 R, 1024 G, 1024 B bytes, each
// plane row-major), converted here to HWC.

#include <cstddef>

#include "cim/data/dataset.h"
#include "data/file_bytes.h"

namespace cim {
namespace {

constexpr int64_t kCifarSide = 32;
constexpr int64_t kCifarChannels = 3;
constexpr int64_t kCifarPlaneBytes = kCifarSide * kCifarSide;
constexpr int64_t kCifarImageBytes = kCifarPlaneBytes * kCifarChannels;
constexpr int kCifar100CoarseClasses = 20;

// One record layout: CIFAR-10 has one label byte, CIFAR-100 a coarse then a
// fine label byte; the last label byte is the class.
struct CifarLayout {
  const char* name;
  int64_t label_bytes;
  int64_t record_bytes() const { return label_bytes + kCifarImageBytes; }
};

// Checks the label byte(s) of `record` (number `index` in `path`).
Status CheckLabels(const std::string& path, const CifarLayout& layout, int num_classes,
                   const uint8_t* record, int64_t index) {
  const std::string where = path + ": record " + std::to_string(index) + ": ";
  if (layout.label_bytes == 2 && record[0] >= kCifar100CoarseClasses) {
    return Corruption(where + "coarse label = " + std::to_string(record[0]) + ": expected < " +
                      std::to_string(kCifar100CoarseClasses));
  }
  const uint8_t label = record[layout.label_bytes - 1];
  if (label >= num_classes) {
    return Corruption(where + (layout.label_bytes == 2 ? "fine label = " : "label = ") +
                      std::to_string(label) + ": expected < " + std::to_string(num_classes));
  }
  return Status::Ok();
}

// Appends the records of one batch file to `out`.
Status AppendCifarBatch(const std::string& path, const CifarLayout& layout, int num_classes,
                        Dataset& out) {
  CIM_ASSIGN_OR_RETURN(const std::vector<uint8_t> bytes, ReadFileBytes(path));
  const int64_t record_bytes = layout.record_bytes();
  const int64_t size = static_cast<int64_t>(bytes.size());
  if (size == 0 || size % record_bytes != 0) {
    return Corruption(path + ": size " + std::to_string(size) +
                      " bytes: expected a positive multiple of " + std::to_string(record_bytes) +
                      " (" + layout.name + " records)");
  }
  const int64_t records = size / record_bytes;
  const int64_t first = out.count;
  out.labels.resize(first + records);
  out.pixels.resize((first + records) * kCifarImageBytes);
  for (int64_t r = 0; r < records; ++r) {
    const uint8_t* record = bytes.data() + r * record_bytes;
    CIM_RETURN_IF_ERROR(CheckLabels(path, layout, num_classes, record, r));
    out.labels[first + r] = record[layout.label_bytes - 1];
    const uint8_t* planes = record + layout.label_bytes;
    uint8_t* hwc = out.pixels.data() + (first + r) * kCifarImageBytes;
    for (int64_t p = 0; p < kCifarPlaneBytes; ++p) {
      for (int64_t c = 0; c < kCifarChannels; ++c) {
        hwc[p * kCifarChannels + c] = planes[c * kCifarPlaneBytes + p];
      }
    }
  }
  out.count = first + records;
  return Status::Ok();
}

}  // namespace

Result<Dataset> ReadCifarBinary(const std::vector<std::string>& batch_files, int num_classes) {
  if (num_classes != 10 && num_classes != 100) {
    return InvalidArgument("ReadCifarBinary: num_classes = " + std::to_string(num_classes) +
                           ": expected 10 or 100");
  }
  if (batch_files.empty()) return InvalidArgument("ReadCifarBinary: no batch file given");
  const CifarLayout layout =
      num_classes == 10 ? CifarLayout{"CIFAR-10", 1} : CifarLayout{"CIFAR-100", 2};
  Dataset data;
  data.name = batch_files.front();
  data.images_path = batch_files.front();
  data.labels_path = batch_files.front();
  data.files = batch_files;
  data.height = kCifarSide;
  data.width = kCifarSide;
  data.channels = kCifarChannels;
  data.num_classes = num_classes;
  for (const std::string& path : batch_files) {
    CIM_RETURN_IF_ERROR(AppendCifarBatch(path, layout, num_classes, data));
  }
  return data;
}

}  // namespace cim
