#pragma once
// Test-only helpers: a scratch directory and writers for small IDX and CIFAR
// files, raw or gzip, so each reader test builds exactly the bytes it needs.

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cim/support/check.h"

namespace cim::testing {

/// A fresh directory under the system temp dir, removed with its contents.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "cim_data_test_XXXXXX").string();
    CIM_CHECK(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  /// `<dir>/<relative>`, creating its parent directories.
  std::string Path(const std::string& relative) const {
    const std::filesystem::path full = path_ / relative;
    std::filesystem::create_directories(full.parent_path());
    return full.string();
  }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

using Bytes = std::vector<uint8_t>;

inline void WriteRaw(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  CIM_CHECK(out.good());
}

inline void WriteGzip(const std::string& path, const Bytes& bytes) {
  gzFile file = gzopen(path.c_str(), "wb");
  CIM_CHECK(file != nullptr);
  if (!bytes.empty()) {
    CIM_CHECK(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())) ==
              static_cast<int>(bytes.size()));
  }
  CIM_CHECK(gzclose(file) == Z_OK);
}

/// Writes gzip if `path` ends with ".gz", raw otherwise.
inline void WriteFile(const std::string& path, const Bytes& bytes) {
  if (path.ends_with(".gz")) {
    WriteGzip(path, bytes);
  } else {
    WriteRaw(path, bytes);
  }
}

inline Bytes ReadRaw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

inline void AppendBigEndianU32(Bytes& bytes, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    bytes.push_back(static_cast<uint8_t>(value >> shift));
}

/// The pixel value the generated IDX images use: distinct per image and
/// position, so an offset error shows.
inline uint8_t IdxTestPixel(uint32_t image, uint32_t row, uint32_t col) {
  return static_cast<uint8_t>(image * 37 + row * 11 + col * 3 + 1);
}

/// An IDX images file: magic 0x00000803, [count, rows, cols], IdxTestPixel.
inline Bytes IdxImages(uint32_t count, uint32_t rows, uint32_t cols, uint32_t magic = 0x00000803) {
  Bytes bytes;
  for (uint32_t v : {magic, count, rows, cols}) AppendBigEndianU32(bytes, v);
  for (uint32_t i = 0; i < count; ++i) {
    for (uint32_t r = 0; r < rows; ++r) {
      for (uint32_t c = 0; c < cols; ++c) bytes.push_back(IdxTestPixel(i, r, c));
    }
  }
  return bytes;
}

/// An IDX labels file: magic 0x00000801, [labels.size()], the labels.
inline Bytes IdxLabels(const Bytes& labels, uint32_t magic = 0x00000801) {
  Bytes bytes;
  AppendBigEndianU32(bytes, magic);
  AppendBigEndianU32(bytes, static_cast<uint32_t>(labels.size()));
  bytes.insert(bytes.end(), labels.begin(), labels.end());
  return bytes;
}

/// The pixel value of channel `c` at (y, x) in generated CIFAR record `r`.
inline uint8_t CifarTestPixel(int r, int c, int y, int x) {
  return static_cast<uint8_t>(r * 53 + c * 101 + y * 7 + x);
}

/// CIFAR records with the given label bytes (1 per record for CIFAR-10,
/// 2 for CIFAR-100) and CifarTestPixel planes (R, G, B; 32x32 row-major).
inline Bytes CifarRecords(const std::vector<Bytes>& label_bytes, int first_record = 0) {
  Bytes bytes;
  for (size_t i = 0; i < label_bytes.size(); ++i) {
    bytes.insert(bytes.end(), label_bytes[i].begin(), label_bytes[i].end());
    for (int c = 0; c < 3; ++c) {
      for (int y = 0; y < 32; ++y) {
        for (int x = 0; x < 32; ++x) {
          bytes.push_back(CifarTestPixel(first_record + static_cast<int>(i), c, y, x));
        }
      }
    }
  }
  return bytes;
}

}  // namespace cim::testing
