#pragma once
// Whole-file reads for the dataset readers: gzip is inflated transparently,
// any other file is returned as stored.

#include <cstdint>
#include <string>
#include <vector>

#include "cim/support/status.h"

namespace cim {

/// The bytes of `path`, inflated if the file is gzip (told by its magic, not
/// its name; concatenated gzip members are joined). Errors: NotFound (no such
/// file), InvalidArgument (a directory), IOError (cannot open or read),
/// Corruption (broken or truncated gzip stream); each message starts with
/// `path: `.
Result<std::vector<uint8_t>> ReadFileBytes(const std::string& path);

}  // namespace cim
