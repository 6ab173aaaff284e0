#pragma once
// The 32-byte header around the payload (docs/program-format.md): framing a
// payload for writing and checking a file's header before reading it.

#include <string>
#include <string_view>

#include "cim/support/status.h"

namespace cim {

/// Header + payload, ready to write to disk.
std::string FramePayload(std::string_view payload);

/// Checks the header of `bytes` (size, magic, header CRC, version, flags,
/// payload length, payload CRC) and returns a view of the payload inside
/// `bytes`. Errors are Corruption (Unsupported for a newer version or unknown
/// flags) and do not yet carry the file name.
Result<std::string_view> UnframePayload(std::string_view bytes);

/// CRC-32 (zlib) of `bytes`.
uint32_t Crc32(std::string_view bytes);

}  // namespace cim
