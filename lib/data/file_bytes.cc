#include "data/file_bytes.h"

#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>

namespace cim {
namespace {

struct GzFileCloser {
  void operator()(gzFile f) const { gzclose_r(f); }
};
using GzFilePtr = std::unique_ptr<gzFile_s, GzFileCloser>;

// gzread takes an unsigned count; 1 MiB chunks keep it far from overflow.
constexpr unsigned kChunkBytes = 1u << 20;

}  // namespace

Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return NotFound(path + ": no such file");
  if (std::filesystem::is_directory(status)) {
    return InvalidArgument(path + ": is a directory, expected a file");
  }
  errno = 0;
  GzFilePtr file(gzopen(path.c_str(), "rb"));
  if (!file) {
    return IOError(path + ": cannot open: " + (errno ? std::strerror(errno) : "out of memory"));
  }
  std::vector<uint8_t> bytes;
  if (gzdirect(file.get())) {  // not gzip: the size on disk is the size
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) bytes.reserve(size);
  }
  for (;;) {
    const size_t old_size = bytes.size();
    bytes.resize(old_size + kChunkBytes);
    const int n = gzread(file.get(), bytes.data() + old_size, kChunkBytes);
    if (n < 0) {
      int err = Z_OK;
      std::string message = gzerror(file.get(), &err);
      if (err == Z_ERRNO) return IOError(path + ": read failed: " + std::strerror(errno));
      // zlib puts the path in front of its message; ours already has it.
      if (message.starts_with(path + ": ")) message.erase(0, path.size() + 2);
      return Corruption(path + ": gzip: " + message);
    }
    bytes.resize(old_size + static_cast<size_t>(n));
    if (n == 0) break;
  }
  // A gzip stream cut short reads as a short file; zlib reports it on close.
  const int close_status = gzclose_r(file.release());
  if (close_status == Z_BUF_ERROR) return Corruption(path + ": gzip: unexpected end of file");
  if (close_status != Z_OK) return IOError(path + ": close failed");
  return bytes;
}

}  // namespace cim
