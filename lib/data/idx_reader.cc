// IDX files (the MNIST format): a big-endian header of a magic number
// 0x0000TTNN (TT = element type, 0x08 = uint8; NN = number of dimensions)
// and NN uint32 dimensions, followed by the elements in row-major order.

#include <cinttypes>
#include <cstdio>

#include "cim/data/dataset.h"
#include "data/big_endian.h"
#include "data/file_bytes.h"

namespace cim {
namespace {

constexpr uint32_t kIdxImagesMagic = 0x00000803;  // uint8, 3 dims: count, rows, cols
constexpr uint32_t kIdxLabelsMagic = 0x00000801;  // uint8, 1 dim: count
constexpr size_t kIdxImagesHeaderBytes = 16;
constexpr size_t kIdxLabelsHeaderBytes = 8;
// Bounds rows * cols * count inside uint64 and rejects garbage headers early.
constexpr uint32_t kMaxSideLength = 4096;

std::string Hex32(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08" PRIx32, value);
  return text;
}

Status CheckHeader(const std::string& path, const std::vector<uint8_t>& bytes, size_t header_bytes,
                   uint32_t magic, const char* kind) {
  if (bytes.size() < header_bytes) {
    return Corruption(path + ": size " + std::to_string(bytes.size()) +
                      " bytes: expected at least " + std::to_string(header_bytes) + " (" + kind +
                      " header)");
  }
  const uint32_t found = LoadBigEndianU32(bytes, 0);
  if (found != magic) {
    return Corruption(path + ": magic " + Hex32(found) + ": expected " + Hex32(magic) + " (" +
                      kind + ")");
  }
  return Status::Ok();
}

Status CheckSide(const std::string& path, const char* field, uint32_t value) {
  if (value >= 1 && value <= kMaxSideLength) return Status::Ok();
  return Corruption(path + ": " + field + " = " + std::to_string(value) + ": expected in [1, " +
                    std::to_string(kMaxSideLength) + "]");
}

Status CheckTotalSize(const std::string& path, size_t found, size_t header_bytes,
                      uint64_t body_bytes, const std::string& body_description) {
  const uint64_t expected = header_bytes + body_bytes;
  if (found == expected) return Status::Ok();
  return Corruption(path + ": size " + std::to_string(found) + " bytes: expected " +
                    std::to_string(expected) + " (header " + std::to_string(header_bytes) + " + " +
                    body_description + ")");
}

// Reads and validates the images file into `out` (pixels and shape).
Status ReadIdxImages(const std::string& path, Dataset& out) {
  CIM_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, ReadFileBytes(path));
  CIM_RETURN_IF_ERROR(
      CheckHeader(path, bytes, kIdxImagesHeaderBytes, kIdxImagesMagic, "IDX images"));
  const uint32_t count = LoadBigEndianU32(bytes, 4);
  const uint32_t rows = LoadBigEndianU32(bytes, 8);
  const uint32_t cols = LoadBigEndianU32(bytes, 12);
  if (count == 0) return Corruption(path + ": count = 0: expected at least 1 image");
  CIM_RETURN_IF_ERROR(CheckSide(path, "rows", rows));
  CIM_RETURN_IF_ERROR(CheckSide(path, "cols", cols));
  const uint64_t body_bytes = uint64_t{count} * rows * cols;
  CIM_RETURN_IF_ERROR(CheckTotalSize(
      path, bytes.size(), kIdxImagesHeaderBytes, body_bytes,
      std::to_string(count) + " images of " + std::to_string(rows) + "x" + std::to_string(cols)));
  bytes.erase(bytes.begin(), bytes.begin() + kIdxImagesHeaderBytes);
  out.pixels = std::move(bytes);
  out.count = count;
  out.height = rows;
  out.width = cols;
  out.channels = 1;
  return Status::Ok();
}

// Reads the labels file into `out.labels`; its count must match `out.count`.
Status ReadIdxLabels(const std::string& path, const std::string& images_path, int num_classes,
                     Dataset& out) {
  CIM_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, ReadFileBytes(path));
  CIM_RETURN_IF_ERROR(
      CheckHeader(path, bytes, kIdxLabelsHeaderBytes, kIdxLabelsMagic, "IDX labels"));
  const uint32_t count = LoadBigEndianU32(bytes, 4);
  if (count != out.count) {
    return Corruption(path + ": count " + std::to_string(count) + ": expected " +
                      std::to_string(out.count) + " (the image count of " + images_path + ")");
  }
  CIM_RETURN_IF_ERROR(CheckTotalSize(path, bytes.size(), kIdxLabelsHeaderBytes, count,
                                     std::to_string(count) + " labels"));
  for (size_t i = kIdxLabelsHeaderBytes; i < bytes.size(); ++i) {
    if (bytes[i] >= num_classes) {
      return Corruption(path + ": label[" + std::to_string(i - kIdxLabelsHeaderBytes) + "] = " +
                        std::to_string(bytes[i]) + ": expected < " + std::to_string(num_classes));
    }
  }
  bytes.erase(bytes.begin(), bytes.begin() + kIdxLabelsHeaderBytes);
  out.labels = std::move(bytes);
  return Status::Ok();
}

}  // namespace

Result<Dataset> ReadIdxPair(const std::string& images_gz_or_raw,
                            const std::string& labels_gz_or_raw, int num_classes) {
  if (num_classes < 1 || num_classes > 256) {
    return InvalidArgument("ReadIdxPair: num_classes = " + std::to_string(num_classes) +
                           ": expected in [1, 256]");
  }
  Dataset data;
  data.name = images_gz_or_raw;
  data.images_path = images_gz_or_raw;
  data.labels_path = labels_gz_or_raw;
  data.files = {images_gz_or_raw, labels_gz_or_raw};
  data.num_classes = num_classes;
  CIM_RETURN_IF_ERROR(ReadIdxImages(images_gz_or_raw, data));
  CIM_RETURN_IF_ERROR(ReadIdxLabels(labels_gz_or_raw, images_gz_or_raw, num_classes, data));
  return data;
}

}  // namespace cim
